import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import type { Context } from '../http/request-state';
import { getSecrets } from '../platform/secrets';

/**
 * The association portal's session (`/portail`): the browser never holds a token a script could
 * read. The portal's pages call the same REST API as any client, in "portal mode":
 *
 * - A request with the header `X-Portail: 1` (log-in, choosing a password) gets no token in its
 *   answer: the Users & Permissions refresh token (its server-side session) is put in an
 *   `HttpOnly`, `SameSite=Strict` cookie instead, and the access token is dropped.
 * - A later request with that cookie and the header `X-CSRF-Token` (read by the portal's script
 *   from a second, readable cookie: a keyed hash of the session, which a page elsewhere can neither
 *   read nor send as a header) is given a short-lived access token for that session on the server,
 *   as if it had sent `Authorization: Bearer …` itself. Everything after that is the API's: its
 *   routes, permissions, ownership rules, rate limits and forced drafts. Without the header, or
 *   with a wrong one, the cookie is ignored (the request is anonymous).
 * - Log-out is the API's own (`POST /api/auth/logout`): it ends the session in the database, and
 *   the cookies are cleared once their session no longer exists.
 *
 * Custom headers cannot be sent from another origin without a CORS preflight, which the content
 * API's CORS never grants for them (src/middlewares/cors.ts): that, the `SameSite=Strict` cookie
 * and the keyed CSRF token protect every write against cross-site requests.
 */
export const SESSION_COOKIE = 'ri_portail';
export const CSRF_COOKIE = 'ri_portail_csrf';
export const PORTAL_HEADER = 'x-portail';
export const CSRF_HEADER = 'x-csrf-token';

/** The CSRF token of a session: a keyed hash of its refresh token. */
export const csrfTokenOf = (refreshToken: string): string =>
  crypto
    .createHmac('sha256', `portail-csrf:${getSecrets().APP_KEYS}`)
    .update(refreshToken)
    .digest('base64url');

const sameToken = (a: string, b: string): boolean => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
};

const lifespanSeconds = (strapi: Core.Strapi): number =>
  strapi.config.get<number>('plugin::users-permissions.sessions.maxRefreshTokenLifespan', 30 * 24 * 3600);

/** Sets the two cookies of a new session (its refresh token, and its CSRF token for the script). */
export const setSessionCookies = (strapi: Core.Strapi, ctx: Context, refreshToken: string): void => {
  const common = {
    secure: ctx.request.secure,
    sameSite: 'strict' as const,
    path: '/',
    maxAge: lifespanSeconds(strapi) * 1000,
    overwrite: true,
  };
  ctx.cookies.set(SESSION_COOKIE, refreshToken, { ...common, httpOnly: true });
  ctx.cookies.set(CSRF_COOKIE, csrfTokenOf(refreshToken), { ...common, httpOnly: false });
};

export const clearSessionCookies = (ctx: Context): void => {
  for (const [name, httpOnly] of [
    [SESSION_COOKIE, true],
    [CSRF_COOKIE, false],
  ] as const) {
    ctx.cookies.set(name, '', {
      secure: ctx.request.secure,
      sameSite: 'strict',
      path: '/',
      httpOnly,
      expires: new Date(0),
      overwrite: true,
    });
  }
};

/** Whether the session of a refresh token still exists and has not expired. */
export const isSessionActive = async (strapi: Core.Strapi, refreshToken: string): Promise<boolean> => {
  const validation = await strapi.sessionManager('users-permissions').validateRefreshToken(refreshToken);
  return validation.isValid;
};

/** The request's session cookie, if its CSRF header matches it. */
export const sessionOf = (ctx: Context): string | null => {
  const refreshToken = ctx.cookies.get(SESSION_COOKIE);
  const csrf = ctx.get(CSRF_HEADER);
  if (!refreshToken || !csrf) return null;
  return sameToken(csrf, csrfTokenOf(refreshToken)) ? refreshToken : null;
};

/** A short-lived access token for the session of `refreshToken`, or null if it has ended. */
export const accessTokenFor = async (strapi: Core.Strapi, refreshToken: string): Promise<string | null> => {
  const access = await strapi.sessionManager('users-permissions').generateAccessToken(refreshToken);
  return 'error' in access ? null : access.token;
};
