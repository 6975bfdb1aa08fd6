// @ts-check
/**
 * What every page of the association portal shares: calls to the REST API with the portal's
 * session, French messages for the API's errors, and their display next to the fields and in a
 * summary at the top of the page. The API decides everything; this only asks and shows.
 */

const CSRF_COOKIE = 'ri_portail_csrf';

/** The session's CSRF token, from its readable cookie (the session itself is out of reach). */
const csrfToken = () => {
  const prefix = `${CSRF_COOKIE}=`;
  const cookie = document.cookie.split('; ').find((each) => each.startsWith(prefix));
  return cookie ? decodeURIComponent(cookie.slice(prefix.length)) : '';
};

/** An answer of the API that is not a success. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {any} body
   * @param {number | null} retryAfter seconds, for a 429
   */
  constructor(status, body, retryAfter) {
    super(body?.error?.message ?? `HTTP ${status}`);
    this.status = status;
    this.body = body;
    this.retryAfter = retryAfter;
  }
}

/**
 * Calls the REST API as the portal: `X-Portail` (no token in the answer), the CSRF token of the
 * session, same-origin cookies.
 * @param {string} path
 * @param {{ method?: string, body?: unknown }} [options]
 * @returns {Promise<any>}
 */
export const api = async (path, { method = 'GET', body } = {}) => {
  /** @type {Record<string, string>} */
  const headers = { Accept: 'application/json', 'X-Portail': '1' };
  const token = csrfToken();
  if (token) headers['X-CSRF-Token'] = token;
  /** @type {BodyInit | undefined} */
  let payload;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, null, null);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const retry = Number(response.headers.get('Retry-After') ?? json?.error?.details?.retryAfter ?? NaN);
    throw new ApiError(response.status, json, Number.isFinite(retry) ? retry : null);
  }
  return json;
};

/**
 * The minimum length of a password, from the page's own field (src/portal/pages.ts:
 * PASSWORD_MIN_LENGTH, the API's rule too); 0 on a page without one.
 */
export const passwordMinLength = () => {
  const field = document.querySelector('input[type="password"][minlength]');
  return field instanceof HTMLInputElement ? Math.max(field.minLength, 0) : 0;
};

/** What a volunteer reads when a password is too short. */
export const passwordRule = () => {
  const length = passwordMinLength();
  return length > 0 ? `Le mot de passe doit compter au moins ${length} caractères.` : 'Ce mot de passe est trop court.';
};

/**
 * The API's messages, as a volunteer should read them.
 * @type {Array<[RegExp, string | (() => string)]>}
 */
const MESSAGES = [
  [/^Invalid identifier or password$/, 'Adresse e-mail ou mot de passe incorrect.'],
  [
    /blocked/i,
    'Ce compte est bloqué. Pour le rouvrir, écrivez à la Mission des relations extérieures.',
  ],
  [/not confirmed/i, "Ce compte n'est pas encore activé : ouvrez le lien reçu par e-mail."],
  [
    /^Incorrect code provided$/,
    "Ce lien n'est plus valable : il a déjà servi, ou un lien plus récent l'a remplacé. " +
      'Demandez un nouveau lien depuis la page « Mot de passe oublié ».',
  ],
  [/^Passwords do not match$/, 'Les deux mots de passe ne sont pas identiques.'],
  [/^Password validation failed\.?$/, passwordRule],
  [/less than 73 bytes/, 'Ce mot de passe est trop long (72 caractères au plus).'],
  [/is larger than 5 MB/, 'Cette image dépasse 5 Mo.'],
  [/is not a JPEG, PNG or WebP image/, "Ce fichier n'est pas une image JPEG, PNG ou WebP."],
  [/million pixels/, 'Cette image est trop grande : 50 millions de pixels au plus.'],
  [/could not be read as a/, "Cette image est abîmée ou n'est pas du type annoncé."],
  [/must be unique|already taken/i, 'Une autre entrée porte déjà ce nom : changez-le un peu.'],
  [/is not a valid SIRET/, "Ce numéro SIRET n'existe pas : vérifiez ses 14 chiffres."],
  [/^Not Found$/, "Cette proposition n'existe pas, ou n'est pas celle de votre association."],
  [/is a required field|must not be empty|is required/i, 'Ce champ est obligatoire.'],
  [/must be a valid email/i, 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.'],
];

/** @param {string} message */
export const inFrench = (message) => {
  for (const [pattern, french] of MESSAGES)
    if (pattern.test(message)) return typeof french === 'function' ? french() : french;
  return message;
};

/** @param {number} seconds */
const waitFor = (seconds) => {
  const minutes = Math.ceil(seconds / 60);
  return seconds < 60
    ? `${seconds} seconde${seconds > 1 ? 's' : ''}`
    : `${minutes} minute${minutes > 1 ? 's' : ''}`;
};

/** Problems found before sending (a required field left empty): shown like the API's. */
export class FormProblems extends Error {
  /** @param {{ fields?: Record<string, string>, general?: string[] }} problems */
  constructor({ fields = {}, general = [] }) {
    super('form problems');
    this.fields = fields;
    this.general = general;
  }
}

/**
 * The field errors and the general errors of a failed call.
 * @param {unknown} error
 * @returns {{ fields: Record<string, string>, general: string[] }}
 */
export const problemsOf = (error) => {
  if (error instanceof FormProblems) return { fields: error.fields, general: error.general };
  if (!(error instanceof ApiError)) return { fields: {}, general: ["Une erreur inattendue s'est produite. Réessayez."] };
  if (error.status === 0)
    return { fields: {}, general: ["Le serveur ne répond pas. Vérifiez votre connexion à Internet, puis réessayez."] };
  if (error.status === 429)
    return {
      fields: {},
      general: [`Trop de tentatives. Réessayez dans ${waitFor(error.retryAfter ?? 60)}.`],
    };
  if (error.status >= 500)
    return { fields: {}, general: ["Le serveur n'a pas pu répondre. Réessayez dans un instant."] };
  /** @type {Record<string, string>} */
  const fields = {};
  const general = [];
  const details = error.body?.error?.details?.errors;
  if (Array.isArray(details) && details.length > 0) {
    for (const detail of details) {
      const name = Array.isArray(detail.path) ? String(detail.path[0] ?? '') : '';
      const message = inFrench(String(detail.message ?? ''));
      if (name) fields[name] = fields[name] ? `${fields[name]} ${message}` : message;
      else general.push(message);
    }
  } else {
    const message = String(error.body?.error?.message ?? '');
    if (/^Passwords do not match$/.test(message)) fields.passwordConfirmation = inFrench(message);
    else if (/^Password validation failed|less than 73 bytes/.test(message)) fields.password = inFrench(message);
    else general.push(message ? inFrench(message) : `Erreur ${error.status}.`);
  }
  return { fields, general };
};

/** @param {string} id */
const element = (id) => /** @type {HTMLElement} */ (document.getElementById(id));

/** Removes the errors shown on a form. */
export const clearErrors = () => {
  const summary = element('resume-erreurs');
  summary.hidden = true;
  summary.replaceChildren();
  for (const message of document.querySelectorAll('.erreur')) {
    message.textContent = '';
    /** @type {HTMLElement} */ (message).hidden = true;
  }
  for (const input of document.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
};

/**
 * Shows errors: each next to its field (tied to it by aria-describedby), all of them in the summary
 * at the top, which takes the focus.
 * @param {{ fields: Record<string, string>, general: string[] }} problems
 */
export const showErrors = ({ fields, general }) => {
  clearErrors();
  const summary = element('resume-erreurs');
  const items = [];
  for (const message of general) {
    const item = document.createElement('li');
    item.textContent = message;
    items.push(item);
  }
  for (const [name, message] of Object.entries(fields)) {
    const input = document.getElementById(name);
    const slot = document.getElementById(`${name}-erreur`);
    const item = document.createElement('li');
    if (input && slot) {
      input.setAttribute('aria-invalid', 'true');
      slot.textContent = message;
      slot.hidden = false;
      const link = document.createElement('a');
      link.href = `#${name}`;
      // A group of inputs (a date, a quantity) is named by its legend, kept in data-nom.
      const group = document.querySelector(`[data-champ="${name}"]`);
      const label =
        /** @type {HTMLElement | null} */ (group)?.dataset.nom ?? document.querySelector(`label[for="${name}"]`)?.textContent ?? name;
      link.textContent = `${label} : ${message}`;
      link.addEventListener('click', (event) => {
        event.preventDefault();
        input.focus();
      });
      item.append(link);
    } else {
      item.textContent = message;
    }
    items.push(item);
  }
  if (items.length === 0) return;
  const title = document.createElement('h2');
  title.textContent = items.length > 1 ? `${items.length} problèmes empêchent l'envoi` : "Un problème empêche l'envoi";
  const list = document.createElement('ul');
  list.append(...items);
  summary.append(title, list);
  summary.hidden = false;
  summary.focus();
};

/** @param {string} text */
export const setMessage = (text) => {
  element('message').textContent = text;
};

/** The form's values by field name. @param {HTMLFormElement} form */
export const valuesOf = (form) => {
  /** @type {Record<string, string>} */
  const values = {};
  for (const [name, value] of new FormData(form)) if (typeof value === 'string') values[name] = value;
  return values;
};

/**
 * Runs `action` on submission, with the button disabled meanwhile; errors are shown, nothing typed
 * is lost.
 * @param {(form: HTMLFormElement) => Promise<void>} action
 */
export const onSubmit = (action) => {
  const form = /** @type {HTMLFormElement} */ (element('formulaire'));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type="submit"]');
    button?.setAttribute('disabled', '');
    try {
      await action(form);
    } catch (error) {
      // A fault of the page itself (not an answer of the API): kept for whoever looks at the console.
      if (!(error instanceof ApiError || error instanceof FormProblems)) console.error(error);
      showErrors(problemsOf(error));
    } finally {
      button?.removeAttribute('disabled');
    }
  });
};

/** On member pages: the log-out button, and back to the log-in page when the session has ended. */
export const memberPage = () => {
  document.getElementById('deconnexion')?.addEventListener('click', async () => {
    try {
      await api('/api/auth/logout', { method: 'POST', body: {} });
    } finally {
      window.location.assign('/portail/connexion?deconnecte=1');
    }
  });
};

/** Sends the browser to the log-in page when the session has ended. @param {unknown} error */
export const sessionEnded = (error) => {
  if (
    error instanceof ApiError &&
    (error.status === 401 || (error.status === 403 && error.body?.error?.name !== 'PolicyError'))
  ) {
    window.location.assign(`/portail/connexion?expire=1&retour=${encodeURIComponent(window.location.pathname)}`);
    return true;
  }
  return false;
};
