import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';

/**
 * What a file from `public/` (uploads included) may do once a browser opens it: nothing. Whatever
 * got stored there (an image, or something that ever slipped through) is served with
 * `X-Content-Type-Options: nosniff` and a Content-Security-Policy that sandboxes it (no script, no
 * same-origin access: an HTML or SVG file cannot act as the CMS with a staff member's session).
 *
 * Decided on what is served, a file stream from the public folder, whatever path spelling or
 * static route led there.
 */
export const SANDBOX_POLICY =
  "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";

/** The headers every file from `public/` is served with (also set by the upload route's server). */
export const SANDBOX_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': SANDBOX_POLICY,
  'X-Content-Type-Options': 'nosniff',
};

const uploadsSandbox = (_config: unknown, { strapi }: { strapi: Core.Strapi }): Core.MiddlewareHandler => {
  const root = path.resolve(strapi.dirs.static.public) + path.sep;
  return async (ctx, next) => {
    await next();
    const body: unknown = ctx.body;
    if (body instanceof fs.ReadStream && path.resolve(String(body.path)).startsWith(root)) {
      ctx.set(SANDBOX_HEADERS);
    }
  };
};

export default uploadsSandbox;
