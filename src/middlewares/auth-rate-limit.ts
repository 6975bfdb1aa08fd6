import type { Core } from '@strapi/strapi';
import { authLimit, enforce } from '../rate-limit/limits';

const AUTH_PATHS = new Set([
  '/api/auth/local',
  '/api/auth/forgot-password',
  '/api/auth/reset-password',
  '/api/auth/change-password',
]);

/**
 * Limits the log-in and password routes per client address, counted in the database so that the
 * limit holds across server instances.
 */
const authRateLimit =
  (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    if (ctx.method === 'POST' && AUTH_PATHS.has(ctx.path)) {
      await enforce(strapi, ctx, `auth:${ctx.request.ip}`, authLimit());
    }
    return next();
  };

export default authRateLimit;
