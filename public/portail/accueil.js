// @ts-check
/**
 * The association's home page: its public profile as published, the changes waiting for review,
 * and its submissions with their review state in plain French.
 */
import { ApiError, api, memberPage, problemsOf, sessionEnded, setMessage, showErrors } from './portail.js';
import { COLLECTION_PATH, FORM_PAGE, REVIEW_STATE, TYPE_LABEL, PROFILE_LABEL } from './libelles.js';

memberPage();
const params = new URLSearchParams(window.location.search);
if (params.has('bienvenue')) setMessage('Votre mot de passe est enregistré. Bienvenue sur le portail des associations.');
if (params.has('fiche'))
  setMessage('Les modifications de votre fiche sont envoyées à la Mission, qui va les relire avant de les publier.');
if (params.has('envoye'))
  setMessage('Votre proposition est envoyée à la Mission, qui va la relire. Vous suivez son état ci-dessous.');

/** @param {string} id */
const region = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/**
 * @param {string} tag
 * @param {string} [text]
 * @param {Record<string, string>} [attributes]
 */
const make = (tag, text, attributes = {}) => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
};

/** @param {string | null | undefined} iso */
const date = (iso) =>
  iso
    ? new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso))
    : '—';

/**
 * The French words for where a submission stands.
 * @param {{ reviewState?: string | null, published?: boolean }} entry
 */
export const stateOf = (entry) => {
  if (entry.reviewState === 'changes-requested') return REVIEW_STATE['changes-requested'];
  if (entry.reviewState === 'rejected') return REVIEW_STATE.rejected;
  if (entry.reviewState === 'submitted') return entry.published ? REVIEW_STATE['submitted-published'] : REVIEW_STATE.submitted;
  return entry.published ? REVIEW_STATE.published : REVIEW_STATE.submitted;
};

/** @param {any} draft @param {any} published */
const showProfile = (draft, published) => {
  const target = region('profil');
  target.replaceChildren();
  if (!draft) {
    target.append(make('p', "Votre compte n'est lié à aucune association : écrivez à la Mission des relations extérieures."));
    return;
  }
  target.append(make('p', draft.name ?? '', { class: 'nom-association' }));
  const edit = make('p');
  edit.append(make('a', 'Modifier notre fiche', { href: '/portail/fiche' }));
  target.append(edit);
  if (published) {
    target.append(make('p', 'Votre fiche publique, telle qu’elle paraît sur le site de la ville :'));
    const list = make('dl', undefined, { class: 'fiche' });
    for (const [field, label] of Object.entries(PROFILE_LABEL)) {
      const value = published[field];
      if (value === null || value === undefined || value === '') continue;
      list.append(make('dt', label), make('dd', String(value)));
    }
    target.append(list);
  } else {
    target.append(make('p', "Votre fiche n'est pas encore publiée : la Mission la relira avant sa publication."));
  }
  const changed = Object.entries(PROFILE_LABEL)
    .filter(([field]) => published && (draft[field] ?? '') !== (published[field] ?? ''))
    .map(([, label]) => label);
  if (draft.reviewState === 'submitted' && published && changed.length > 0) {
    target.append(make('p', `Modifications en attente de relecture : ${changed.join(', ')}.`, { class: 'en-attente' }));
  } else if (draft.reviewState === 'changes-requested') {
    target.append(make('p', 'La Mission demande des modifications de votre fiche.', { class: 'en-attente' }));
    if (draft.reviewComment) target.append(make('blockquote', draft.reviewComment));
  }
};

/** @param {any[]} entries */
const showSubmissions = (entries) => {
  const target = region('propositions');
  target.replaceChildren();
  if (entries.length === 0) {
    target.append(make('p', "Vous n'avez encore rien proposé."));
    return;
  }
  // Explicit roles: on a phone the rows are shown as cards (portail.css), which would otherwise
  // take the table's meaning away from screen readers.
  const table = make('table', undefined, { role: 'table' });
  table.append(make('caption', `${entries.length} proposition${entries.length > 1 ? 's' : ''}, la plus récente en premier`));
  const columns = ['Type', 'Titre', 'Dernière mise à jour', 'État', 'Commentaire de la Mission', 'Suite'];
  const head = make('tr', undefined, { role: 'row' });
  for (const title of columns) head.append(make('th', title, { scope: 'col', role: 'columnheader' }));
  const thead = make('thead', undefined, { role: 'rowgroup' });
  thead.append(head);
  table.append(thead);
  const body = make('tbody', undefined, { role: 'rowgroup' });
  const sorted = [...entries].sort((a, b) => String(b.updatedAt).localeCompare(String(a.updatedAt)));
  for (const entry of sorted) {
    const row = make('tr', undefined, { role: 'row' });
    const cells = [
      TYPE_LABEL[entry.type] ?? entry.type,
      entry.title ?? '(sans titre)',
      date(entry.updatedAt),
      stateOf(entry),
      entry.reviewState === 'changes-requested' ? (entry.reviewComment ?? '') : '',
    ];
    cells.forEach((text, index) =>
      row.append(
        index === 1
          ? make('th', text, { scope: 'row', role: 'rowheader', 'data-label': columns[index] })
          : make('td', text, { role: 'cell', 'data-label': columns[index] }),
      ),
    );
    // Every entry can be edited (a published one as a new draft to review); a draft that was never
    // published can be withdrawn, a published entry only by the Mission.
    const cell = make('td', undefined, { role: 'cell' });
    const withdraw = make('div', undefined, { class: 'suite' });
    cell.append(withdraw);
    const named = () => make('span', ` « ${entry.title ?? ''} »`, { class: 'visuellement-cache' });
    const page = FORM_PAGE[entry.type];
    if (page) {
      const link = make('a', 'Modifier', { href: `/portail/proposer/${page}?id=${encodeURIComponent(entry.documentId)}` });
      link.append(named());
      withdraw.append(link);
    }
    const path = COLLECTION_PATH[entry.type];
    if (!entry.published && path) {
      const button = make('button', 'Retirer', { type: 'button', class: 'secondaire' });
      button.append(named());
      button.addEventListener('click', () => void withdrawEntry(path, entry));
      withdraw.append(button);
    }
    row.append(cell);
    body.append(row);
  }
  table.append(body);
  const wrapper = make('div', undefined, { class: 'tableau' });
  wrapper.append(table);
  target.append(wrapper);
};

/** Withdraws a draft that was never published, once the member confirms. @param {string} path @param {any} entry */
const withdrawEntry = async (path, entry) => {
  const title = entry.title ?? '';
  if (!window.confirm(`Retirer la proposition « ${title} » ? Elle sera supprimée et la Mission ne la verra plus.`)) return;
  try {
    await api(`${path}/${encodeURIComponent(entry.documentId)}`, { method: 'DELETE' });
    showSubmissions((await api('/api/me/submissions'))?.data ?? []);
    setMessage(`La proposition « ${title} » est retirée.`);
  } catch (error) {
    if (!sessionEnded(error)) showErrors(problemsOf(error));
  }
};

const load = async () => {
  try {
    const [own, submissions] = await Promise.all([api('/api/me/association'), api('/api/me/submissions')]);
    const draft = own?.data ?? null;
    let published = null;
    if (draft?.documentId) {
      try {
        published = (await api(`/api/associations/${encodeURIComponent(draft.documentId)}`))?.data ?? null;
      } catch (error) {
        if (!(error instanceof ApiError && error.status === 404)) throw error;
      }
    }
    showProfile(draft, published);
    showSubmissions(submissions?.data ?? []);
  } catch (error) {
    if (sessionEnded(error)) return;
    showErrors(problemsOf(error));
    region('profil').replaceChildren();
    region('propositions').replaceChildren();
  } finally {
    region('profil').setAttribute('aria-busy', 'false');
    region('propositions').setAttribute('aria-busy', 'false');
  }
};

void load();
