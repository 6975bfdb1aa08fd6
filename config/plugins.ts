import type { Core } from '@strapi/strapi';
import { getSecrets } from '../src/utils/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Plugin => ({
  'users-permissions': {
    config: {
      jwtSecret: getSecrets().JWT_SECRET,
      jwt: { expiresIn: env('JWT_EXPIRES_IN', '7d') },
    },
  },
});

export default config;
