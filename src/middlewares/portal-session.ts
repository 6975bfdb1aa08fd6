import type { Core } from '@strapi/strapi';
import {
  PORTAL_HEADER,
  accessTokenFor,
  clearSessionCookies,
  isSessionActive,
  sessionOf,
  setSessionCookies,
} from '../portal/session';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The association portal's cookie session (see src/portal/session.ts): before the request, a
 * session cookie with its CSRF header becomes the request's bearer token; after it, a portal-mode
 * answer never carries a token (a new session goes into the cookies instead), and cookies whose
 * session was ended by the request (log-out, password change) are cleared. It applies to the
 * request as a whole, whatever its route: it only ever replaces a header the client could have
 * sent itself, so every route keeps its own guards.
 */
const portalSession =
  (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler =>
  async (ctx, next) => {
    const asked = ctx.get(PORTAL_HEADER) === '1';
    let session: string | null = null;
    if (!ctx.get('authorization')) {
      session = sessionOf(ctx);
      if (session) {
        const token = await accessTokenFor(strapi, session);
        if (token) ctx.request.headers.authorization = `Bearer ${token}`;
        else {
          clearSessionCookies(ctx);
          session = null;
        }
      }
    }
    if (!asked && !session) {
      await next();
      return;
    }

    await next();

    const body = ctx.body as Record<string, unknown> | null | undefined;
    if (
      body &&
      typeof body === 'object' &&
      !Buffer.isBuffer(body) &&
      ('jwt' in body || 'refreshToken' in body)
    ) {
      const refreshToken = body.refreshToken;
      delete body.jwt;
      delete body.refreshToken;
      if (typeof refreshToken === 'string' && ctx.status >= 200 && ctx.status < 300) {
        setSessionCookies(strapi, ctx, refreshToken);
        return;
      }
    }
    if (session && !READS.has(ctx.method) && !(await isSessionActive(strapi, session)))
      clearSessionCookies(ctx);
  };

export default portalSession;
