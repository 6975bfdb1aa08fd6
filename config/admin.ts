import type { Core } from '@strapi/strapi';
import { getSecrets } from '../src/utils/secrets';

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
    flags: {
      nps: false,
      promoteEE: false,
    },
    autoOpen: env.bool('ADMIN_AUTO_OPEN', false),
    serveAdminPanel: env.bool('SERVE_ADMIN', true),
  };
};

export default config;
