// @ts-check
/** Asking for a new password: the same answer whether or not the address has an account. */
import { FormProblems, api, clearErrors, onSubmit, setMessage, valuesOf } from './portail.js';

onSubmit(async (form) => {
  const { email = '' } = valuesOf(form);
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim()))
    throw new FormProblems({
      fields: { email: 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.' },
    });
  await api('/api/auth/forgot-password', { method: 'POST', body: { email: email.trim() } });
  clearErrors();
  setMessage(
    'Si un compte existe pour cette adresse, un lien pour choisir un nouveau mot de passe vient de lui être envoyé. ' +
      'Pensez à regarder dans les courriers indésirables.',
  );
});
