import type { Core } from '@strapi/strapi';
import { unavailable } from './database-unavailable';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * No request waits forever: one that is still being worked on REQUEST_TIMEOUT_MS (30 s) after its
 * body was read is answered 503 with Retry-After. This happens when the database connection it
 * uses was cut in the middle of a transaction (measured: a few requests in a thousand, when
 * PostgreSQL ends every connection under traffic), a case where knex may never settle the query.
 * The handler may still finish afterwards: the answer says so, so that a client checks before it
 * sends a change again.
 */
const requestDeadline = (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const limit = Number(process.env.REQUEST_TIMEOUT_MS ?? 30_000);
  return async (ctx: Context, next) => {
    let timer: NodeJS.Timeout | undefined;
    const work = next().then(() => 'done' as const);
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => {
        resolve('late');
      }, limit);
    });
    try {
      if ((await Promise.race([work, late])) === 'done') return;
    } finally {
      clearTimeout(timer);
    }
    // Whatever the handler does from now on is not sent.
    work.catch(() => undefined);
    strapi.log.error(`[request] ${ctx.method} ${ctx.path}: no answer after ${limit} ms, 503 sent`);
    unavailable(
      ctx,
      5,
      'The server could not finish this request in time (the database is unavailable): a change may or may not have been saved; check before sending it again.',
    );
  };
};

export default requestDeadline;
