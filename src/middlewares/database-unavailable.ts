import type { Core } from '@strapi/strapi';
import { isDatabaseUnavailable } from '../platform/database';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** A 503 with Retry-After and Strapi's error shape, never cached. */
export const unavailable = (ctx: Context, retryAfterSeconds: number, message: string): void => {
  ctx.status = 503;
  ctx.set('Retry-After', String(retryAfterSeconds));
  ctx.set('Cache-Control', 'no-store');
  ctx.body = { data: null, error: { status: 503, name: 'ServiceUnavailableError', message, details: {} } };
};

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
    unavailable(
      ctx,
      2,
      'The database is unavailable for a moment: nothing was changed; try again in a few seconds.',
    );
    strapi.log.warn(`[database] ${ctx.method} ${ctx.path}: 503 (${(error as Error).message})`);
  }
};

export default databaseUnavailable;
