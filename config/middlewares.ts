import type { Core } from '@strapi/strapi';

/**
 * The global middlewares, in order. The guards of particular routes are not here: they are bound to
 * their routes (src/extensions for the plugins' routes, the content API's router for the query
 * limits and HTTP caching, see src/index.ts), so that every spelling of a path meets them.
 */
const config = ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Middlewares => [
  'strapi::logger',
  'strapi::errors',
  // The database away for a moment (restart, cut connection): 503 with Retry-After, not 500.
  'global::database-unavailable',
  'strapi::security',
  // CORS: the content API and the CORS_ORIGINS only (never "*", never with credentials). Strapi
  // insists on its own middleware being listed: given no origin, what it adds is taken out again.
  { name: 'global::cors', config: { origins: env.array('CORS_ORIGINS', []) } },
  { name: 'strapi::cors', config: { origin: [], credentials: false } },
  // An anonymous GET of the content API whose answer is kept for the current content version is
  // answered here (200, or 304 for its ETag), with the headers above and nothing below: the rest
  // of the stack built that very answer (src/middlewares/http-cache.ts).
  'global::kept-answers',
  // The association portal's cookie session: a session cookie with its CSRF header stands for a
  // bearer token, and a portal answer never carries a token (src/portal/session.ts).
  'global::portal-session',
  'strapi::query',
  // Bad input is a 4xx by construction: malformed queries refused, unreadable bodies and values the
  // database refuses as data turned into 400s (see src/middlewares/bad-input.ts).
  'global::bad-input',
  'strapi::body',
  'global::body-read',
  // Once the body is read, at most REQUEST_TIMEOUT_MS before an answer (503 if the work hangs).
  'global::request-deadline',
  'strapi::session',
  { name: 'strapi::favicon', config: { path: 'public/favicon.png' } },
  'global::uploads-sandbox',
  // With S3_BUCKET: uploads are read from the bucket, so that every instance serves every file.
  'global::object-storage',
  'strapi::public',
];

export default config;
