import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { createRateLimitStore, createRedisRateLimitStore, type RateLimitStore } from './store';

type Context = Parameters<Core.MiddlewareHandler>[0];

export interface Limit {
  max: number;
  windowSeconds: number;
}

const fromEnv = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
};

/** Log-in and password routes, per client address (changing the e-mail does not reset it). */
export const authLimit = (): Limit => ({
  max: fromEnv('RATE_LIMIT_AUTH_MAX', 10),
  windowSeconds: fromEnv('RATE_LIMIT_AUTH_WINDOW', 15 * 60),
});

/** Submissions (creations, changes, deletions) per association account. */
export const submissionLimit = (): Limit => ({
  max: fromEnv('RATE_LIMIT_SUBMISSIONS_MAX', 30),
  windowSeconds: fromEnv('RATE_LIMIT_SUBMISSIONS_WINDOW', 60 * 60),
});

let store: RateLimitStore | undefined;
/** Redis when REDIS_URL is set, else the database: either way shared by every instance. */
export const rateLimitStore = (strapi: Core.Strapi): RateLimitStore => {
  const redisUrl = process.env.REDIS_URL;
  store ??= redisUrl
    ? createRedisRateLimitStore(strapi, redisUrl, process.env.REDIS_PREFIX ?? 'ri:rate:')
    : createRateLimitStore(strapi);
  return store;
};

/** Closes the Redis connection, if any, when the server stops. */
export const closeRateLimitStore = async (): Promise<void> => {
  await store?.close?.();
  store = undefined;
};

/**
 * Counts a hit and refuses it past the limit: 429 with Retry-After (a RateLimitError, which
 * Strapi answers with 429).
 */
export const enforce = async (
  strapi: Core.Strapi,
  ctx: Context,
  key: string,
  limit: Limit,
): Promise<void> => {
  const { count, retryAfter } = await rateLimitStore(strapi).hit(key, limit.windowSeconds);
  if (count > limit.max) {
    ctx.set('Retry-After', String(retryAfter));
    throw new errors.RateLimitError(`Too many requests: try again in ${retryAfter} s.`, { retryAfter });
  }
};
