// @ts-check
/**
 * Proposing an entry (the form's `data-type`: an action for now): the form is built from the
 * allow-list in champs.js, with the published countries, themes and schools to pick from; dates are
 * given as a year, a month or a day; the image is checked before it is sent; the description can be
 * previewed (Markdown, sanitised). What the API refuses is shown next to its field and in the
 * summary at the top, and nothing typed is lost.
 */
import { FORMS, IMAGE_MAX_BYTES, IMAGE_TYPES, MONTHS } from './champs.js';
import { FormProblems, api, memberPage, onSubmit, problemsOf, sessionEnded, showErrors } from './portail.js';

/** @typedef {import('./champs.js').Field} Field */

memberPage();

const form = /** @type {HTMLFormElement} */ (document.getElementById('formulaire'));
const spec = FORMS[form.dataset.type ?? ''];

/**
 * @param {string} tag
 * @param {Record<string, string>} [attributes]
 * @param {Array<Node | string>} [children]
 */
const make = (tag, attributes = {}, children = []) => {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
};

/** The label, hint and error slot of a field; `group` for a fieldset (several inputs). @param {Field} field */
const frame = (field, group = false) => {
  const title = [field.label, ...(field.required ? [make('span', { class: 'obligatoire' }, [' (obligatoire)'])] : [])];
  const container = make(group ? 'fieldset' : 'div', { class: 'champ', 'data-champ': field.name, 'data-nom': field.label }, [
    group ? make('legend', {}, title) : make('label', { for: field.name }, title),
  ]);
  if (field.hint) container.append(make('p', { class: 'aide', id: `${field.name}-aide` }, [field.hint]));
  const error = make('p', { class: 'erreur', id: `${field.name}-erreur` });
  error.hidden = true;
  container.append(error);
  return container;
};

/** @param {Field} field */
const describedBy = (field) => `${field.hint ? `${field.name}-aide ` : ''}${field.name}-erreur`;

/** @param {Field} field @param {Record<string, string>} extra */
const inputAttributes = (field, extra = {}) => ({
  id: field.name,
  name: field.name,
  'aria-describedby': describedBy(field),
  ...(field.required ? { required: '', 'aria-required': 'true' } : {}),
  ...(field.maxLength ? { maxlength: String(field.maxLength) } : {}),
  ...extra,
});

/** While an entry's values are put in the form (editing): no focus moves. */
let filling = false;

/** @type {Map<string, () => Promise<unknown>>} what each field contributes to `data` (undefined: nothing) */
const readers = new Map();
/** @type {Map<string, () => string | null>} the problem a field has before sending, if any */
const checks = new Map();

/** The published entries of a taxonomy, to pick from. @param {string} source */
const choices = async (source) =>
  /** @type {Array<{ documentId: string, name: string }>} */ ((await api(source))?.data ?? []);

/** 'AAAA', 'AAAA-MM' or 'AAAA-MM-JJ' from the three inputs, or a problem. @param {string} name */
const dateOf = (name) => {
  const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id)).value.trim();
  const year = value(name);
  const month = value(`${name}-mois`);
  const day = value(`${name}-jour`);
  if (!year && !month && !day) return { date: undefined };
  if (!/^\d{4}$/.test(year)) return { problem: "Indiquez l'année en quatre chiffres, par exemple 2011." };
  if (!month) return day ? { problem: 'Indiquez le mois, ou laissez le jour vide.' } : { date: year };
  if (!day) return { date: `${year}-${month}` };
  const number = Number(day);
  const last = new Date(Number(year), Number(month), 0).getDate();
  if (!Number.isInteger(number) || number < 1 || number > last)
    return { problem: `Le jour doit être entre 1 et ${last} pour ce mois.` };
  return { date: `${year}-${month}-${String(number).padStart(2, '0')}` };
};

/** @param {Field} field */
const build = async (field) => {
  switch (field.kind) {
    case 'text': {
      const container = frame(field);
      container.append(make('input', inputAttributes(field, { type: 'text' })));
      const pattern = field.pattern;
      if (pattern)
        checks.set(field.name, () => {
          const value = /** @type {HTMLInputElement} */ (document.getElementById(field.name)).value.trim();
          return value && !pattern[0].test(value) ? pattern[1] : null;
        });
      return container;
    }
    case 'integer': {
      const container = frame(field);
      container.append(make('input', inputAttributes(field, { type: 'text', inputmode: 'numeric', size: '6' })));
      const read = () => /** @type {HTMLInputElement} */ (document.getElementById(field.name)).value.trim();
      checks.set(field.name, () => (read() && !/^\d+$/.test(read()) ? 'Indiquez un nombre entier, par exemple 24.' : null));
      readers.set(field.name, async () => (read() ? Number(read()) : undefined));
      return container;
    }
    case 'location': {
      const container = frame(field, true);
      const input = (/** @type {string} */ id, /** @type {string} */ label, /** @type {Record<string, string>} */ extra) =>
        make('div', {}, [
          make('label', { for: id }, [label]),
          make('input', { id, type: 'text', autocomplete: 'off', 'aria-describedby': describedBy(field), ...extra }),
        ]);
      container.append(
        input(field.name, 'Nom du lieu', { maxlength: '200' }),
        make('div', { class: 'date' }, [
          input(`${field.name}-latitude`, 'Latitude', { inputmode: 'decimal', size: '10' }),
          input(`${field.name}-longitude`, 'Longitude', { inputmode: 'decimal', size: '10' }),
        ]),
      );
      const parts = () => {
        const value = (/** @type {string} */ id) => /** @type {HTMLInputElement} */ (document.getElementById(id)).value.trim();
        const number = (/** @type {string} */ text) => Number(text.replace(/\s/g, '').replace(',', '.'));
        const latitude = value(`${field.name}-latitude`);
        const longitude = value(`${field.name}-longitude`);
        return { placeName: value(field.name), latitude, longitude, lat: number(latitude), lng: number(longitude) };
      };
      checks.set(field.name, () => {
        const { placeName, latitude, longitude, lat, lng } = parts();
        if (!placeName && !latitude && !longitude) return null;
        if (!latitude || !longitude) return 'Pour un lieu, indiquez aussi sa latitude et sa longitude.';
        if (!Number.isFinite(lat) || lat < -90 || lat > 90) return 'La latitude est un nombre entre -90 et 90.';
        if (!Number.isFinite(lng) || lng < -180 || lng > 180) return 'La longitude est un nombre entre -180 et 180.';
        return null;
      });
      readers.set(field.name, async () => {
        const { placeName, latitude, longitude, lat, lng } = parts();
        if (!placeName && !latitude && !longitude) return undefined;
        return { ...(placeName ? { placeName } : {}), latitude: lat, longitude: lng };
      });
      return container;
    }
    case 'members': {
      const container = frame(field, true);
      const list = make('ol', { class: 'membres' });
      const add = make('button', { type: 'button', class: 'secondaire', id: field.name, 'aria-describedby': describedBy(field) }, [
        'Ajouter un membre',
      ]);
      let count = 0;
      // Each member's legend and remove button carry its number, kept in order.
      const renumber = () =>
        list.querySelectorAll('li').forEach((item, index) => {
          const legend = item.querySelector('legend');
          const button = item.querySelector('button');
          if (legend) legend.textContent = `Membre ${index + 1}`;
          if (button) button.textContent = `Retirer le membre ${index + 1}`;
        });
      add.addEventListener('click', () => {
        count += 1;
        const id = `${field.name}-${count}`;
        const remove = make('button', { type: 'button', class: 'secondaire' }, ['Retirer le membre']);
        const item = make('li', {}, [
          make('fieldset', { class: 'membre' }, [
            make('legend', {}, ['Membre']),
            make('label', { for: `${id}-nom` }, ['Nom']),
            make('input', { id: `${id}-nom`, type: 'text', maxlength: '150', 'data-membre': 'name' }),
            make('label', { for: `${id}-role` }, ['Fonction']),
            make('input', { id: `${id}-role`, type: 'text', maxlength: '300', 'data-membre': 'role' }),
            remove,
          ]),
        ]);
        remove.addEventListener('click', () => {
          item.remove();
          renumber();
          add.focus();
        });
        list.append(item);
        renumber();
        if (!filling) /** @type {HTMLInputElement} */ (item.querySelector('input')).focus();
      });
      container.append(list, add);
      readers.set(field.name, async () => {
        const members = [...list.querySelectorAll('li')]
          .map((item) => {
            /** @type {Record<string, string>} */
            const member = {};
            for (const input of item.querySelectorAll('input')) {
              const value = input.value.trim();
              if (value) member[input.dataset.membre ?? ''] = value;
            }
            return member;
          })
          .filter((member) => Object.keys(member).length > 0);
        return members.length > 0 ? members : undefined;
      });
      return container;
    }
    case 'textarea':
    case 'markdown': {
      const container = frame(field);
      const area = make('textarea', inputAttributes(field, { rows: field.kind === 'markdown' ? '10' : '3' }));
      container.append(area);
      if (field.kind === 'markdown') {
        const preview = make('div', { class: 'apercu', id: `${field.name}-apercu`, 'aria-live': 'polite' });
        preview.hidden = true;
        const button = make('button', { type: 'button', class: 'secondaire', 'aria-controls': preview.id, 'aria-expanded': 'false' }, [
          "Voir l'aperçu",
        ]);
        button.addEventListener('click', async () => {
          if (!preview.hidden) {
            preview.hidden = true;
            button.textContent = "Voir l'aperçu";
            button.setAttribute('aria-expanded', 'false');
            return;
          }
          const load = (/** @type {string} */ url) => import(url);
          const [{ marked }, { default: purify }] = await Promise.all([load('/portail/vendor/marked.js'), load('/portail/vendor/purify.js')]);
          const html = purify.sanitize(await marked.parse(/** @type {HTMLTextAreaElement} */ (area).value), {
            FORBID_ATTR: ['style'],
            FORBID_TAGS: ['style', 'img'],
          });
          preview.replaceChildren(make('p', { class: 'apercu-titre' }, ['Aperçu :']));
          preview.insertAdjacentHTML('beforeend', html || '<p>(vide)</p>');
          preview.hidden = false;
          button.textContent = "Masquer l'aperçu";
          button.setAttribute('aria-expanded', 'true');
        });
        container.append(button, preview);
      }
      return container;
    }
    case 'select': {
      const container = frame(field);
      container.append(
        make('select', inputAttributes(field), [
          make('option', { value: '' }, ['— Choisissez —']),
          ...field.options.map(([value, label]) => make('option', { value }, [label])),
        ]),
      );
      return container;
    }
    case 'one': {
      const container = frame(field);
      const options = await choices(field.source);
      container.append(
        make('select', inputAttributes(field), [
          make('option', { value: '' }, ['— Aucun —']),
          ...options.map((entry) => make('option', { value: entry.documentId }, [entry.name])),
        ]),
      );
      return container;
    }
    case 'many': {
      const container = frame(field, true);
      const options = await choices(field.source);
      const list = make('div', { class: 'cases' });
      options.forEach((entry, index) => {
        const id = index === 0 ? field.name : `${field.name}-${index}`;
        list.append(
          make('div', { class: 'case' }, [
            make('input', { type: 'checkbox', id, name: field.name, value: entry.documentId, 'aria-describedby': describedBy(field) }),
            make('label', { for: id }, [entry.name]),
          ]),
        );
      });
      container.append(list);
      readers.set(field.name, async () => {
        const checked = [...form.querySelectorAll(`input[name="${field.name}"]:checked`)].map(
          (input) => /** @type {HTMLInputElement} */ (input).value,
        );
        return checked.length > 0 ? checked : undefined;
      });
      return container;
    }
    case 'date': {
      const container = frame(field, true);
      const row = make('div', { class: 'date' }, [
        make('div', {}, [
          make('label', { for: field.name }, ['Année']),
          make('input', { id: field.name, name: field.name, type: 'text', inputmode: 'numeric', maxlength: '4', size: '4', autocomplete: 'off', 'aria-describedby': describedBy(field) }),
        ]),
        make('div', {}, [
          make('label', { for: `${field.name}-mois` }, ['Mois']),
          make('select', { id: `${field.name}-mois`, 'aria-describedby': `${field.name}-erreur` }, [
            make('option', { value: '' }, ['—']),
            ...MONTHS.map((month, index) => make('option', { value: String(index + 1).padStart(2, '0') }, [month])),
          ]),
        ]),
        make('div', {}, [
          make('label', { for: `${field.name}-jour` }, ['Jour']),
          make('input', { id: `${field.name}-jour`, type: 'text', inputmode: 'numeric', maxlength: '2', size: '2', autocomplete: 'off', 'aria-describedby': `${field.name}-erreur` }),
        ]),
      ]);
      container.append(row);
      readers.set(field.name, async () => dateOf(field.name).date);
      checks.set(field.name, () => dateOf(field.name).problem ?? null);
      return container;
    }
    case 'quantity': {
      const container = frame(field, true);
      container.append(
        make('div', { class: 'date' }, [
          make('div', {}, [
            make('label', { for: field.name }, ['Nombre']),
            make('input', { id: field.name, type: 'text', inputmode: 'decimal', size: '8', 'aria-describedby': describedBy(field) }),
          ]),
          make('div', {}, [
            make('label', { for: `${field.name}-unite` }, ['Unité']),
            make('input', { id: `${field.name}-unite`, type: 'text', maxlength: '50', size: '12', 'aria-describedby': `${field.name}-erreur` }),
          ]),
        ]),
      );
      const parts = () => {
        const amount = /** @type {HTMLInputElement} */ (document.getElementById(field.name)).value.trim();
        const unit = /** @type {HTMLInputElement} */ (document.getElementById(`${field.name}-unite`)).value.trim();
        return { amount, unit, number: Number(amount.replace(/\s/g, '').replace(',', '.')) };
      };
      checks.set(field.name, () => {
        const { amount, unit, number } = parts();
        if (!amount && !unit) return null;
        if (!amount || !Number.isFinite(number) || number < 0) return 'Indiquez un nombre positif, par exemple 1 ou 2,5.';
        if (!unit) return "Indiquez l'unité, par exemple « tonnes ».";
        return null;
      });
      readers.set(field.name, async () => {
        const { amount, unit, number } = parts();
        return amount || unit ? { amount: number, unit } : undefined;
      });
      return container;
    }
    case 'image': {
      const container = frame(field);
      const input = /** @type {HTMLInputElement} */ (make('input', inputAttributes(field, { type: 'file', accept: IMAGE_TYPES.join(',') })));
      container.append(input);
      const fileProblem = () => {
        const file = input.files?.[0];
        if (!file) return null;
        if (!IMAGE_TYPES.includes(file.type)) return "Ce fichier n'est pas une image JPEG, PNG ou WebP.";
        if (file.size > IMAGE_MAX_BYTES) return `Cette image pèse ${(file.size / 1024 / 1024).toFixed(1).replace('.', ',')} Mo : 5 Mo au plus.`;
        return null;
      };
      input.addEventListener('change', () => {
        const problem = fileProblem();
        if (problem) showErrors({ fields: { [field.name]: problem }, general: [] });
      });
      checks.set(field.name, fileProblem);
      /** @type {{ file: File, id: number } | undefined} the file already sent, if a later step failed */
      let sent;
      readers.set(field.name, async () => {
        const file = input.files?.[0];
        if (!file) return undefined;
        if (sent?.file === file) return sent.id;
        const body = new FormData();
        body.append('files', file, file.name);
        try {
          const uploaded = await api('/api/upload', { method: 'POST', body });
          const id = Array.isArray(uploaded) ? uploaded[0]?.id : undefined;
          if (typeof id === 'number') sent = { file, id };
          return id;
        } catch (error) {
          // The server's verdict on the file, next to the file field.
          const { fields, general } = problemsOf(error);
          const message = [...Object.values(fields), ...general].join(' ');
          throw new FormProblems({ fields: { [field.name]: message } });
        }
      });
      return container;
    }
  }
};

/** A slug for the page's address, from the title (the Mission may change it before publishing). @param {string} title */
const slugOf = (title) =>
  `${title
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 100) || 'proposition'}-${Math.random().toString(36).slice(2, 6)}`;

/** The required fields that are empty, and what the fields found wrong. */
const problemsBeforeSending = () => {
  /** @type {Record<string, string>} */
  const fields = {};
  for (const field of spec.fields) {
    const input = /** @type {HTMLInputElement | null} */ (document.getElementById(field.name));
    if (field.required && input && input.value.trim() === '') fields[field.name] = 'Ce champ est obligatoire.';
    const problem = checks.get(field.name)?.();
    if (problem) fields[field.name] = problem;
  }
  const dated = spec.fields.some((field) => field.name === 'endDate');
  const start = dated ? dateOf('startDate').date : undefined;
  const end = dated ? dateOf('endDate').date : undefined;
  if (start && end && !fields.endDate && end.padEnd(10, '9') < start) fields.endDate = 'La fin ne peut pas précéder le début.';
  return fields;
};

/** @param {string} id @param {string} text */
const setValue = (id, text) => {
  const input = /** @type {HTMLInputElement | null} */ (document.getElementById(id));
  if (input) input.value = text;
};

/** A decimal number as a French reader writes it. @param {unknown} value */
const decimal = (value) => (value === null || value === undefined ? '' : String(value).replace('.', ','));

/**
 * Puts an entry's value in its field, to edit it.
 * @param {Field} field
 * @param {any} value
 */
const fill = (field, value) => {
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'markdown':
    case 'select':
      setValue(field.name, value ?? '');
      break;
    case 'integer':
      setValue(field.name, decimal(value));
      break;
    case 'one':
      setValue(field.name, value?.documentId ?? '');
      break;
    case 'many': {
      const chosen = new Set((value ?? []).map((/** @type {{ documentId: string }} */ entry) => entry.documentId));
      for (const input of form.querySelectorAll(`input[name="${field.name}"]`)) {
        /** @type {HTMLInputElement} */ (input).checked = chosen.has(/** @type {HTMLInputElement} */ (input).value);
      }
      break;
    }
    case 'date': {
      const [year = '', month = '', day = ''] = String(value ?? '').split('-');
      setValue(field.name, year);
      setValue(`${field.name}-mois`, month);
      setValue(`${field.name}-jour`, day ? String(Number(day)) : '');
      break;
    }
    case 'quantity':
      setValue(field.name, decimal(value?.amount));
      setValue(`${field.name}-unite`, value?.unit ?? '');
      break;
    case 'location':
      setValue(field.name, value?.placeName ?? '');
      setValue(`${field.name}-latitude`, decimal(value?.latitude));
      setValue(`${field.name}-longitude`, decimal(value?.longitude));
      break;
    case 'members': {
      const add = document.getElementById(field.name);
      for (const member of value ?? []) {
        add?.click();
        const inputs = form.querySelectorAll(`[data-champ="${field.name}"] li:last-child input`);
        /** @type {HTMLInputElement} */ (inputs[0]).value = member.name ?? '';
        /** @type {HTMLInputElement} */ (inputs[1]).value = member.role ?? '';
      }
      break;
    }
    case 'image':
      if (value?.url) {
        document
          .querySelector(`[data-champ="${field.name}"]`)
          ?.append(
            make('p', { class: 'aide' }, ["Image actuelle, gardée si vous n'en choisissez pas d'autre :"]),
            make('img', { src: value.url, alt: 'Image actuelle de la proposition', class: 'vignette' }),
          );
      }
      break;
  }
};

/** Editing an entry (`?id=`): its values in the form, the Mission's comment above it. @param {string} id */
const loadEntry = async (id) => {
  const type = form.dataset.type ?? '';
  const entry = (
    await api(
      type === 'association'
        ? '/api/me/association'
        : `/api/me/submissions/${encodeURIComponent(type)}/${encodeURIComponent(id)}`,
    )
  )?.data;
  filling = true;
  for (const field of spec.fields) fill(field, entry?.[field.name]);
  filling = false;
  if (type !== 'association') {
    const heading = document.querySelector('h1');
    if (heading) heading.textContent = `Modifier « ${entry?.title ?? ''} »`;
    document.title = document.title.replace(/^Proposer/, 'Modifier');
  }
  const notes = [];
  if (entry?.reviewState === 'changes-requested')
    notes.push(
      make('p', { class: 'en-attente' }, [
        `La Mission demande des modifications${entry.reviewComment ? ` : « ${entry.reviewComment} »` : '.'}`,
      ]),
    );
  if (entry?.published)
    notes.push(
      make('p', { class: 'en-attente' }, [
        `${type === 'association' ? 'Votre fiche est publiée' : 'Cette proposition est publiée'} : vos modifications seront relues par la Mission avant de remplacer la version publique.`,
      ]),
    );
  form.before(...notes);
};

const start = async () => {
  try {
    const [own, built] = await Promise.all([api('/api/me/association'), Promise.all(spec.fields.map(build))]);
    const association = own?.data?.documentId;
    form.replaceChildren(...built);
    // The association's profile always exists: it is always edited.
    const editing = form.dataset.type === 'association' ? 'fiche' : new URLSearchParams(window.location.search).get('id');
    if (editing) await loadEntry(editing);
    // The button comes once the form holds its values: nothing can be sent half-loaded.
    form.append(make('button', { type: 'submit' }, ['Envoyer à la Mission']));
    form.setAttribute('aria-busy', 'false');
    onSubmit(async () => {
      const fields = problemsBeforeSending();
      if (Object.keys(fields).length > 0) throw new FormProblems({ fields });
      /** @type {Record<string, unknown>} */
      const data = {};
      for (const field of spec.fields) {
        const read = readers.get(field.name);
        let value;
        if (read) value = await read();
        else {
          const input = /** @type {HTMLInputElement} */ (document.getElementById(field.name));
          value = input.value.trim() === '' ? undefined : input.value.trim();
        }
        if (value !== undefined) data[field.name] = value;
        // Editing: a field emptied is cleared (an image not replaced stays).
        else if (editing && field.kind !== 'image') data[field.name] = field.kind === 'many' ? [] : null;
      }
      if (form.dataset.type === 'association') {
        await api(spec.path, { method: 'PUT', body: { data } });
      } else if (editing) {
        await api(`${spec.path}/${encodeURIComponent(editing)}`, { method: 'PUT', body: { data } });
      } else {
        data.slug = slugOf(String(data.title ?? ''));
        if (association && spec.ownAssociation) data[spec.ownAssociation] = [association];
        await api(spec.path, { method: 'POST', body: { data } });
      }
      window.location.assign(form.dataset.type === 'association' ? '/portail?fiche=1' : '/portail?envoye=1');
    });
  } catch (error) {
    if (sessionEnded(error)) return;
    showErrors(problemsOf(error));
  }
};

void start();
