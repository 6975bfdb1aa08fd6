import type { Core } from '@strapi/strapi';
import { portalUrl } from '../submissions/mail';

/** Strapi's own text of the reset e-mail, which staff have not replaced when it is still this. */
const STRAPI_DEFAULT_OBJECT = 'Reset password';

interface EmailTemplate {
  display?: string;
  icon?: string;
  options: {
    from?: { name?: string; email?: string };
    response_email?: string;
    object: string;
    message: string;
  };
}

/**
 * The password-reset e-mail of Users & Permissions ("Mot de passe oublié" in the portal) links to
 * the portal's page for choosing a password (`<portal>/mot-de-passe?code=…`, the same page as the
 * invitation), and says so in French. The link follows ASSOCIATION_PORTAL_URL at every start; the
 * text is replaced only while it is still Strapi's English default (staff may word it otherwise in
 * the admin panel, Users & Permissions › Email templates).
 */
export const configurePasswordEmails = async (strapi: Core.Strapi): Promise<void> => {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  const link = `${portalUrl()}/mot-de-passe`;
  if (advanced.email_reset_password !== link) {
    await store.set({ key: 'advanced', value: { ...advanced, email_reset_password: link } });
  }
  const templates = ((await store.get({ key: 'email' })) ?? {}) as Record<string, EmailTemplate | undefined>;
  const reset = templates.reset_password;
  if (reset && reset.options.object === STRAPI_DEFAULT_OBJECT) {
    const from = strapi.config.get<string>('plugin::email.settings.defaultFrom', '');
    const named = /^(.*)<([^>]+)>\s*$/.exec(from);
    await store.set({
      key: 'email',
      value: {
        ...templates,
        reset_password: {
          ...reset,
          options: {
            ...reset.options,
            ...(named ? { from: { name: named[1].trim(), email: named[2].trim() } } : {}),
            object: 'Portail des associations : choisir un nouveau mot de passe',
            message:
              '<p>Bonjour,</p>\n' +
              '<p>Une demande de nouveau mot de passe a été faite pour votre compte du portail des ' +
              'associations de Courcouronnes. Pour choisir votre mot de passe, ouvrez ce lien :</p>\n' +
              '<p><%= URL %>?code=<%= TOKEN %></p>\n' +
              "<p>Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de " +
              'passe actuel reste valable.</p>\n' +
              '<p>La Mission des relations extérieures</p>',
          },
        },
      },
    });
  }
};
