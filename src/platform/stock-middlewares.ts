import type { Core } from '@strapi/strapi';
import type { Context, Next } from '../http/request-state';

type Handler = (ctx: Context, next: Next) => Promise<void>;
type Factory = (config: Record<string, unknown>, deps: { strapi: Core.Strapi }) => Handler;

interface MiddlewareRegistry {
  extend(uid: string, extend: (factory: Factory) => Factory): unknown;
}

/** What a security-headers middleware did to a response: headers set, then headers removed. */
interface Recorded {
  set: Array<[string, string | number | readonly string[]]>;
  removed: string[];
}

/**
 * Runs Strapi's security middleware once on a stand-in request and records what it does to the
 * response (helmet only sets and removes headers, from its configuration alone).
 */
const record = async (handler: Handler, path: string): Promise<Recorded> => {
  const recorded: Recorded = { set: [], removed: [] };
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      recorded.set.push([name, value]);
      return res;
    },
    removeHeader(name: string) {
      recorded.removed.push(name);
    },
    getHeader: () => undefined,
  };
  const stand = { method: 'GET', path, url: path, req: { method: 'GET', url: path, headers: {} }, res };
  await handler(stand as unknown as Context, () => Promise.resolve());
  return recorded;
};

/**
 * Two of Strapi's global middlewares rebuild their machinery on every request: `strapi::security`
 * makes a new helmet (its Content-Security-Policy parsed again) and `strapi::body` a new koa-body
 * (its options validated again) — about 15 % of the CPU of an answer served from the cache, found
 * by profiling. Both stay in place (Strapi requires them) and keep their behaviour:
 *
 * - security: the headers Strapi's own middleware gives an API request are recorded once, from
 *   that middleware itself, and set again on each request; the requests it treats apart (GET
 *   under the admin's path, where development loosens the policy for the bundler, and under
 *   `/documentation`) still go through it, and so does everything if the GraphQL plugin (which
 *   changes the policy) is installed or the configuration holds a function (a per-request nonce);
 * - body: a request whose method koa-body does not parse (GET, HEAD, DELETE, OPTIONS by default)
 *   and that declares no body type gets the empty body koa-body would give it, without koa-body;
 *   the others go through it.
 *
 * And `strapi::logger` writes one `http` line per request: winston formats it (date, colours)
 * before its transports drop it, so with LOG_LEVEL above `http` every request paid about 5 % of
 * the CPU of a kept answer for a line nobody sees. When the level drops it, the middleware is not
 * run; otherwise it is Strapi's own.
 */
export const lightenStockMiddlewares = (strapi: Core.Strapi): void => {
  const registry: MiddlewareRegistry = strapi.get('middlewares');

  registry.extend('strapi::security', (factory) => (config, deps) => {
    const stock = factory(config, deps);
    const hasFunction = JSON.stringify(config, (_key, value: unknown) =>
      typeof value === 'function' ? '\u0000function' : value,
    ).includes('\u0000function');
    if (hasFunction || strapi.plugin('graphql')) return stock;
    const adminPath = strapi.config.get<string>('admin.path', '/admin');
    const apart = (ctx: Context): boolean =>
      ctx.method === 'GET' && (ctx.path.startsWith(adminPath) || ctx.path.startsWith('/documentation'));
    let recorded: Promise<Recorded> | undefined;
    return async (ctx: Context, next: Next): Promise<void> => {
      if (apart(ctx)) return stock(ctx, next);
      recorded ??= record(stock, '/api');
      const { set, removed } = await recorded;
      for (const [name, value] of set) ctx.res.setHeader(name, value);
      for (const name of removed) ctx.res.removeHeader(name);
      await next();
    };
  });

  registry.extend('strapi::logger', (factory) => (config, deps) => {
    const stock = factory(config, deps);
    if (strapi.log.isLevelEnabled('http')) return stock;
    return (_ctx: Context, next: Next) => next();
  });

  registry.extend('strapi::body', (factory) => (config, deps) => {
    const stock = factory(config, deps);
    const parsed = new Set(
      (Array.isArray(config.parsedMethods)
        ? (config.parsedMethods as string[])
        : ['POST', 'PUT', 'PATCH']
      ).map((method) => method.toUpperCase()),
    );
    // Only for the options this application uses (the body patched on Koa's request, nothing raw).
    if (config.patchKoa === false || config.patchNode || config.includeUnparsed) return stock;
    return async (ctx: Context, next: Next): Promise<void> => {
      // A request with a declared body type (multipart on a GET…) is left to koa-body as it is.
      if (parsed.has(ctx.method.toUpperCase()) || ctx.get('Content-Type')) return stock(ctx, next);
      (ctx.request as { body?: unknown }).body = {};
      await next();
    };
  });
};
