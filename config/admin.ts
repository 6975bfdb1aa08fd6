import type { Core } from '@strapi/strapi';
import { previewUrl } from '../src/content-manager/preview';
import { getSecrets } from '../src/platform/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Admin => {
  const secrets = getSecrets();
  return {
    auth: {
      secret: secrets.ADMIN_JWT_SECRET,
    },
    apiToken: {
      salt: secrets.API_TOKEN_SALT,
    },
    transfer: {
      token: {
        salt: secrets.TRANSFER_TOKEN_SALT,
      },
    },
    secrets: {
      encryptionKey: secrets.ENCRYPTION_KEY,
    },
    // The preview button of the Content Manager opens the entry's page on the city website.
    preview: {
      enabled: env('WEBSITE_URL', '') !== '',
      config: {
        allowedOrigins: [env('WEBSITE_URL', '')].filter(Boolean),
        handler: (uid, target) =>
          previewUrl(strapi, env('WEBSITE_URL', ''), uid, {
            documentId: target.documentId,
            locale: target.locale ?? undefined,
            status: target.status === 'draft' ? 'draft' : 'published',
          }),
      },
    },
    flags: {
      nps: false,
      promoteEE: false,
    },
    autoOpen: env.bool('ADMIN_AUTO_OPEN', false),
    serveAdminPanel: env.bool('SERVE_ADMIN', true),
  };
};

export default config;
