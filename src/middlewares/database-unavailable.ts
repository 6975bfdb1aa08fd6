import type { Core } from '@strapi/strapi';
import { isDatabaseUnavailable } from '../platform/database';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * While the database is away (restarting, a connection cut by the server, no free connection in
 * time), a request gets a 503 with Retry-After, which clients and proxies retry, rather than a 500
 * that says the request was wrong. Nothing was written: the transaction did not commit.
 */
const databaseUnavailable = (): Core.MiddlewareHandler => async (ctx: Context, next) => {
  try {
    await next();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    ctx.status = 503;
    ctx.set('Retry-After', '2');
    ctx.set('Cache-Control', 'no-store');
    ctx.body = {
      data: null,
      error: {
        status: 503,
        name: 'ServiceUnavailableError',
        message: 'The database is unavailable for a moment: nothing was changed; try again in a few seconds.',
        details: {},
      },
    };
    strapi.log.warn(`[database] ${ctx.method} ${ctx.path}: 503 (${(error as Error).message})`);
  }
};

export default databaseUnavailable;
