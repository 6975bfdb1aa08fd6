// @ts-check
/** Choosing a password from the link of an invitation or of a reset e-mail; then logged in. */
import { FormProblems, api, onSubmit, passwordMinLength, passwordRule, showErrors, valuesOf } from './portail.js';

const code = new URLSearchParams(window.location.search).get('code') ?? '';
const incomplete =
  "Ce lien est incomplet. Ouvrez le lien reçu par e-mail tel quel, ou demandez un nouveau lien depuis la page « Mot de passe oublié ».";
if (code === '') showErrors({ fields: {}, general: [incomplete] });

onSubmit(async (form) => {
  const { password = '', passwordConfirmation = '' } = valuesOf(form);
  /** @type {Record<string, string>} */
  const fields = {};
  if ([...password].length < passwordMinLength()) fields.password = passwordRule();
  if (passwordConfirmation !== password) fields.passwordConfirmation = 'Les deux mots de passe ne sont pas identiques.';
  if (code === '' || Object.keys(fields).length > 0)
    throw new FormProblems({ fields, general: code === '' ? [incomplete] : [] });
  await api('/api/auth/reset-password', { method: 'POST', body: { code, password, passwordConfirmation } });
  window.location.assign('/portail?bienvenue=1');
});
