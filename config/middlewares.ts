import type { Core } from '@strapi/strapi';

const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      // Only the listed origins (the city website) get Access-Control-Allow-Origin; never "*".
      origin: env.array('CORS_ORIGINS', []).filter((origin: string) => origin !== '*'),
      expose: ['ETag'],
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'If-None-Match'],
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  'global::query-limits',
  'global::auth-rate-limit',
  'strapi::body',
  'global::upload-guard',
  'strapi::session',
  { name: 'strapi::favicon', config: { path: 'public/favicon.png' } },
  'strapi::public',
  'global::http-cache',
];

export default config;
