import type { Core } from '@strapi/strapi';

interface Layer {
  methods: string[];
  match(path: string): boolean;
}

const METHODS = 'GET, HEAD, POST, PUT, DELETE, OPTIONS';
const HEADERS = 'Content-Type, Authorization, Accept, If-None-Match';
const CORS_HEADERS = [
  'Access-Control-Allow-Origin',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
];

/**
 * CORS for the content API only, and only for the origins in CORS_ORIGINS (never "*"): the city
 * website reads published JSON from its own origin. The admin panel (`/admin`), the files and
 * everything else are same-origin: they get no CORS header whatever the Origin. Credentials are
 * never allowed across origins, so a page elsewhere cannot act with a visitor's cookies.
 *
 * Whether a path belongs to the content API is asked of the content API's own router (its route
 * layers, matched as the router matches them), not decided by comparing strings.
 */
const cors = (
  config: { origins?: string[] },
  { strapi }: { strapi: Core.Strapi },
): Core.MiddlewareHandler => {
  const origins = new Set((config.origins ?? []).filter((origin) => origin !== '*' && origin !== ''));
  let layers: Layer[] | undefined;
  const isContentApi = (path: string): boolean => {
    layers ??= (strapi.server.api('content-api').listRoutes() as Layer[]).filter(
      (layer) => layer.methods.length > 0,
    );
    return layers.some((layer) => layer.match(path));
  };

  return async (ctx, next) => {
    const origin = ctx.get('Origin');
    if (origins.size > 0) ctx.vary('Origin');
    const allowed = origin !== '' && origins.has(origin) && isContentApi(ctx.path);
    if (allowed && ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Allow-Methods', METHODS);
      ctx.set('Access-Control-Allow-Headers', HEADERS);
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return;
    }
    if (allowed) {
      ctx.set('Access-Control-Allow-Origin', origin);
      ctx.set('Access-Control-Expose-Headers', 'ETag');
    }
    try {
      await next();
    } finally {
      // Strapi's own CORS middleware, which must stay listed, answers "*" to a request without an
      // Origin: nothing but this middleware speaks CORS.
      if (!allowed) for (const name of CORS_HEADERS) ctx.remove(name);
    }
  };
};

export default cors;
