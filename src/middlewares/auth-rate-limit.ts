import type { Core } from '@strapi/strapi';
import { stateOf, type Context } from '../http/request-state';
import { authLimit, enforce } from '../rate-limit/limits';

/**
 * Who a log-in or password request is about: the e-mail or user name it names (`identifier` on
 * /auth/local, `email` on /auth/forgot-password), or the logged-in account (change-password).
 * Lower-cased and trimmed so that `A@x.org ` and `a@x.org` share one counter.
 */
export const identifierOf = (ctx: Context): string | null => {
  const body = ctx.request.body as Record<string, unknown> | undefined;
  const named = body?.identifier ?? body?.email;
  if (typeof named === 'string' && named.trim() !== '') return named.trim().toLowerCase();
  const user = stateOf(ctx).user;
  return user?.id !== undefined ? `account:${user.id}` : null;
};

/**
 * The log-in and password routes' limiter, counted in the shared store (database or Redis) so that
 * it holds across instances: per client address, and per identifier as well (changing address does
 * not help to guess one account's password). It replaces Users & Permissions' own in-memory
 * `rateLimit`, and so is bound to exactly the routes that carry it (see src/extensions/users-permissions/strapi-server.ts).
 */
const authRateLimit =
  (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const limit = authLimit();
    await enforce(strapi, ctx, `auth:ip:${ctx.request.ip}`, limit);
    const identifier = identifierOf(ctx);
    if (identifier !== null) await enforce(strapi, ctx, `auth:id:${identifier}`, limit);
    await next();
  };

export default authRateLimit;
