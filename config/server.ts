import type { Core } from '@strapi/strapi';
import { getSecrets } from '../src/platform/secrets';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  // Static files and uploads (`<PUBLIC_DIR>/uploads` with the local upload provider).
  dirs: { public: env('PUBLIC_DIR', './public') },
  // Strapi 5 reads `server.proxy.koa`: behind TRUSTED_PROXIES reverse proxies, the client address is
  // taken from X-Forwarded-For; otherwise the header is ignored.
  proxy: { koa: env.bool('IS_PROXIED', false), maxIpsCount: env.int('TRUSTED_PROXIES', 1) },
  logger: {
    updates: { enabled: false },
    config: { level: env('LOG_LEVEL', 'http') },
    startup: { enabled: env('NODE_ENV') !== 'test' },
  },
  // Strapi's own /api/openapi.json generates the document on request (seconds of blocking work):
  // ours (src/api/openapi) serves one prepared at start-up.
  openapi: {
    'content-api': { access: 'disabled' },
  },
  app: {
    keys: getSecrets().APP_KEYS.split(','),
  },
});

export default config;
