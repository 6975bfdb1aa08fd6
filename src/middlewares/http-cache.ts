import crypto from 'node:crypto';
import type { Core, UID } from '@strapi/strapi';
import { contentVersion } from '../cache/content-version';
import { createResponseCache, type ResponseCache } from '../cache/response-cache';
import { createSlots, publicBuildsMax, type Slots } from '../http/build-slots';
import type { Context, Next } from '../http/request-state';

/** Cache policy of an anonymous GET: a minute fresh, five more minutes served while revalidating. */
export const PUBLIC_CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
/** A request with credentials may see drafts: never stored by shared caches. */
export const PRIVATE_CACHE_CONTROL = 'private, no-cache';

const hash = (text: string | Buffer, length: number): string =>
  crypto.createHash('sha256').update(text).digest('base64url').slice(0, length);

const isStream = (body: unknown): body is { pipe: unknown; destroy(): void } =>
  typeof body === 'object' && body !== null && typeof (body as { pipe?: unknown }).pipe === 'function';

const serialise = (body: unknown): string | Buffer | null => {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return body;
  if (body === null || body === undefined) return null;
  if (isStream(body)) return null; // a stream: not hashed
  return JSON.stringify(body);
};

/**
 * Whether If-None-Match names `etag` (RFC 9110 §13.1.2: weak comparison, `*`, a list). Decided
 * whatever the request's Cache-Control says: a conditional request *is* a revalidation (Koa's
 * `ctx.fresh` answers "not fresh" to `Cache-Control: no-cache`, which Node's fetch sends).
 */
export const matches = (header: string, etag: string): boolean => {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
};

/** Sets the caching headers; answers 304 (and says so) when If-None-Match names `etag`. */
const notModified = (ctx: Context, etag: string, cacheControl: string): boolean => {
  ctx.set('ETag', etag);
  ctx.set('Cache-Control', cacheControl);
  ctx.vary('Authorization');
  if (!matches(ctx.get('If-None-Match'), etag)) return false;
  ctx.status = 304;
  ctx.body = null;
  return true;
};

/**
 * What the ETags of a deployment share: the shape of its types (each attribute's name, type and
 * target), so that a release that changes a schema never revalidates a body of the old shape. Two
 * instances of one release compute the same.
 */
const fingerprintOf = (strapi: Core.Strapi): string => {
  const uids = [...Object.keys(strapi.contentTypes), ...Object.keys(strapi.components)] as UID.Schema[];
  const shapes = uids
    .map((uid) => {
      const attributes = Object.entries(
        strapi.getModel(uid).attributes as Record<string, { type: string; target?: string }>,
      )
        .map(([name, attribute]) => `${name}:${attribute.type}:${attribute.target ?? ''}`)
        .sort();
      return `${uid}(${attributes.join(',')})`;
    })
    .sort();
  return hash(shapes.join(';'), 8);
};

/** What the router's middleware and the front of the stack share, one per Strapi instance. */
interface PublicAnswers {
  cache: ResponseCache;
  /** Whether answers are kept at all (RESPONSE_CACHE_MB=0: every answer is built). */
  keeping: boolean;
  /** The anonymous answers being built, by version and URL: settled when the build is over. */
  building: Map<string, Promise<void>>;
  /** At most PUBLIC_BUILDS_MAX anonymous answers built at once (src/http/build-slots.ts). */
  slots: Slots;
  version: ReturnType<typeof contentVersion>;
  /** The ETag of an anonymous answer: the release's fingerprint, the content version, the URL. */
  etagOf: (at: number, key: string) => string;
}

const shared = new WeakMap<Core.Strapi, PublicAnswers>();

const publicAnswersOf = (strapi: Core.Strapi): PublicAnswers => {
  const known = shared.get(strapi);
  if (known) return known;
  const megabytes = Number(process.env.RESPONSE_CACHE_MB ?? 64);
  const budget = (Number.isFinite(megabytes) ? megabytes : 64) * 1024 * 1024;
  const cache = createResponseCache(budget, 4 * 1024 * 1024);
  const version = contentVersion(strapi);
  version.onChange((at) => {
    cache.moveTo(at);
  });
  let fingerprint: string | undefined;
  const answers: PublicAnswers = {
    cache,
    keeping: budget > 0,
    building: new Map(),
    slots: createSlots(publicBuildsMax()),
    version,
    etagOf: (at, key) => {
      fingerprint ??= fingerprintOf(strapi);
      return `"${fingerprint}-${at}-${hash(key, 12)}"`;
    },
  };
  shared.set(strapi, answers);
  return answers;
};

/** Answers an anonymous request from what was kept for its URL: 304 if it names the ETag, else 200. */
const answerWith = (ctx: Context, etag: string, body: string | Buffer, type: string): void => {
  if (notModified(ctx, etag, PUBLIC_CACHE_CONTROL)) return;
  ctx.status = 200;
  ctx.body = body;
  ctx.type = type;
};

/**
 * A 304 with nothing built, for an anonymous request naming the current ETag of a URL this
 * instance has answered 200 for this version, kept or not (too large, over the budget, or
 * RESPONSE_CACHE_MB=0). A URL it has not answered (another instance did, or none) is built first.
 */
const revalidated = (ctx: Context, answers: PublicAnswers, at: number, key: string): boolean =>
  at > 0 &&
  Boolean(ctx.get('If-None-Match')) &&
  answers.cache.knows(key, at) &&
  notModified(ctx, answers.etagOf(at, key), PUBLIC_CACHE_CONTROL);

/**
 * An anonymous request answered from what this instance holds for `key` at version `at`: the kept
 * answer (200, or 304 for its ETag), else a 304 if the URL was answered but not kept. False when
 * it must be built.
 */
const answeredBefore = (ctx: Context, answers: PublicAnswers, at: number, key: string): boolean => {
  const kept = at > 0 ? answers.cache.get(key, at) : undefined;
  if (kept) {
    answerWith(ctx, answers.etagOf(at, key), kept.body, kept.type);
    return true;
  }
  return revalidated(ctx, answers, at, key);
};

/**
 * The front of the stack (config/middlewares.ts, after the security and CORS headers): an anonymous
 * GET whose answer is kept for the current content version is answered there — 200 from the kept
 * bytes, or 304 if it names the ETag — without the rest of the global middlewares, the router and
 * the route's checks, which would give exactly that answer: it was built by them, for this URL and
 * this version of the content and of the Public role's permissions (a change of either moves the
 * version and empties the cache). Anything else goes on, and the router's `httpCache` below still
 * applies. A request with a cookie goes on too: the association portal's session cookie stands for
 * credentials (src/middlewares/portal-session.ts).
 */
export const keptAnswers = (strapi: Core.Strapi): Core.MiddlewareHandler => {
  const answers = publicAnswersOf(strapi);
  return async (ctx: Context, next: Next) => {
    if ((ctx.method === 'GET' || ctx.method === 'HEAD') && !ctx.get('Authorization') && !ctx.get('Cookie')) {
      if (answeredBefore(ctx, answers, answers.version.current(), ctx.url)) return;
    }
    await next();
  };
};

/**
 * ETag, Cache-Control and 304 on every successful GET of the content API (mounted on its router,
 * see src/index.ts, so every spelling of a route meets it).
 *
 * Anonymous requests (no Authorization): the answer depends only on the URL and on the published
 * content, whose changes are counted by the content version (src/cache/content-version.ts). The
 * ETag is derived from that version and the URL, so two instances on one database give the same
 * ETag, and a matching If-None-Match is answered 304 from what is kept without anything being read
 * (at the front of the stack, `keptAnswers` above, when nothing in the request calls for the
 * rest). The body built for a URL — by the whole pipeline: authorisation of the Public role, query
 * checks, published-only rule, sanitising — is kept for that version and served again until the
 * version moves (every write of public content, of the Public role's permissions or of a media
 * file moves it). A URL this instance has answered for this version but not kept (too large, over
 * the budget, RESPONSE_CACHE_MB=0) still gets its 304 with nothing built; one it has not answered
 * yet (the first request after a change, or one answered by another instance) is built first, even
 * for a matching If-None-Match: a 304 always stands for a 200 the route has given.
 *
 * Requests with credentials may see drafts or private fields: nothing is kept; their ETag is a hash
 * of their own body, and Cache-Control says private.
 */
const httpCache = (strapi: Core.Strapi): Core.MiddlewareHandler => {
  const answers = publicAnswersOf(strapi);
  const { cache, keeping, building, slots, version, etagOf } = answers;

  return async (ctx: Context, next: Next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      await next();
      return;
    }

    if (ctx.get('Authorization')) {
      const before = version.current();
      await next();
      if (ctx.status !== 200) return;
      if (isStream(ctx.body)) {
        // A streamed export for a token (the e-APD declaration) reads published content only: its
        // ETag is the version's, as for the public, but it stays private.
        const stream = ctx.body;
        const etag = etagOf(before, ctx.url);
        if (before > 0 && notModified(ctx, etag, PRIVATE_CACHE_CONTROL)) stream.destroy();
        return;
      }
      const body = serialise(ctx.body);
      if (body === null) return;
      if (notModified(ctx, `"${hash(body, 32)}"`, PRIVATE_CACHE_CONTROL)) return;
      if (typeof body === 'string' && typeof ctx.body !== 'string') {
        const type = ctx.type;
        ctx.body = body;
        ctx.type = type;
      }
      return;
    }

    const at = version.current();
    // The URL as the client sent it (a route may rewrite the query it passes on).
    const key = ctx.url;
    const etag = etagOf(at, key);
    if (answeredBefore(ctx, answers, at, key)) return;

    // Built once: requests for a URL that is being built (the first ones after a publish, many at
    // a time on a busy page) wait for that build and are served what it kept, instead of each
    // building the same answer. If it kept nothing (not a 200), each builds its own.
    const flight = `${at} ${key}`;
    const pending = keeping && at > 0 ? building.get(flight) : undefined;
    if (pending) {
      await pending;
      const built = cache.get(key, at);
      if (built) {
        answerWith(ctx, etag, built.body, built.type);
        return;
      }
    }
    let done: (() => void) | undefined;
    if (keeping && at > 0 && !building.has(flight)) {
      building.set(
        flight,
        new Promise<void>((resolve) => {
          done = resolve;
        }),
      );
    }
    try {
      // Built in turn with the other anonymous answers (PUBLIC_BUILDS_MAX at once); a client that
      // left while it waited gets nothing built.
      const { waitedMs } = await slots.run(async () => {
        if (ctx.req.socket.destroyed) return;
        await next();
      });
      if (waitedMs >= 0.1) ctx.append('Server-Timing', `queue;dur=${waitedMs.toFixed(1)};desc="build slot"`);
      if (ctx.status !== 200) return;
      if (isStream(ctx.body)) {
        // A file streamed as it is read (an export): its ETag is the version's like any answer, and a
        // matching If-None-Match stops it before its first row is read. It is not kept: it is not in
        // memory.
        const stream = ctx.body;
        if (at > 0) cache.answered(key, at);
        if (notModified(ctx, etag, PUBLIC_CACHE_CONTROL)) stream.destroy();
        return;
      }
      const body = serialise(ctx.body);
      if (typeof body !== 'string') return; // a file: no ETag of ours
      const type = ctx.type;
      const bytes = Buffer.from(body);
      if (at > 0) cache.set(key, at, { body: bytes, type });
      answerWith(ctx, etag, bytes, type);
    } finally {
      if (done) {
        building.delete(flight);
        done();
      }
    }
  };
};

export default httpCache;
