import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Cache policy of an anonymous GET: a minute fresh, five more minutes served while revalidating. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
/** A request with credentials may see drafts: never stored by shared caches. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

const serialise = (body: unknown): string | Buffer | null => {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body === null || body === undefined) return null;
  if (typeof (body as { pipe?: unknown }).pipe === 'function') return null; // a stream: not hashed
  return JSON.stringify(body);
};

/**
 * ETag and Cache-Control on every successful GET of the content API (mounted on its router, see
 * src/index.ts), and 304 on a matching If-None-Match. The ETag is a hash of the response itself, so it changes as soon as what it covers
 * is published, unpublished, edited or deleted (timestamps are part of the body), and two instances
 * serving the same database give the same one.
 */
const httpCache = (): Core.MiddlewareHandler => async (ctx: Context, next) => {
  await next();
  if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return;
  if (ctx.status !== 200) return;
  const body = serialise(ctx.body);
  if (body === null) return;

  const hash = crypto.createHash('sha256').update(body).digest('base64url').slice(0, 32);
  ctx.set('ETag', `"${hash}"`);
  ctx.set('Cache-Control', ctx.get('Authorization') ? PRIVATE_CACHE_CONTROL : PUBLIC_CACHE_CONTROL);
  ctx.vary('Authorization');
  if (ctx.fresh) {
    ctx.status = 304;
    ctx.body = null;
  } else if (typeof body === 'string' && typeof ctx.body !== 'string') {
    // Send the JSON that was hashed rather than serialising the object a second time.
    const type = ctx.type;
    ctx.body = body;
    ctx.type = type;
  }
};

export default httpCache;
