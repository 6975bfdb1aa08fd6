// @ts-check
/** The log-in page: e-mail and password, then back where the member was going. */
import { FormProblems, api, onSubmit, setMessage, valuesOf } from './portail.js';

const params = new URLSearchParams(window.location.search);
if (params.has('deconnecte')) setMessage('Vous êtes déconnecté·e.');
if (params.has('expire')) setMessage('Votre session a pris fin : connectez-vous à nouveau.');

/** Only a page of the portal, never another site. */
const destination = () => {
  const back = params.get('retour') ?? '';
  return /^\/portail(\/[\w-]*)*$/.test(back) ? back : '/portail';
};

onSubmit(async (form) => {
  const { identifier = '', password = '' } = valuesOf(form);
  /** @type {Record<string, string>} */
  const fields = {};
  if (identifier.trim() === '') fields.identifier = 'Saisissez votre adresse e-mail.';
  if (password === '') fields.password = 'Saisissez votre mot de passe.';
  if (Object.keys(fields).length > 0) throw new FormProblems({ fields });
  await api('/api/auth/local', { method: 'POST', body: { identifier: identifier.trim(), password } });
  window.location.assign(destination());
});
