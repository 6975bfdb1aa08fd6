import type { Core } from '@strapi/strapi';
import { getSecrets } from '../src/utils/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Strapi 5 reads `server.proxy.koa`: behind TRUSTED_PROXIES reverse proxies, the client address is
  // taken from X-Forwarded-For; otherwise the header is ignored.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('TRUSTED_PROXIES', 1) },
  logger: {
    updates: { enabled: false },
    config: { level: env('LOG_LEVEL', 'http') },
    startup: { enabled: env('NODE_ENV') !== 'test' },
  },
  // The OpenAPI 3.1 description of the content API, public at /api/openapi.json.
  openapi: {
    'content-api': { access: 'public', cache: { enabled: false } },
  },
  app: {
    keys: getSecrets().APP_KEYS.split(','),
  },
});

export default config;
