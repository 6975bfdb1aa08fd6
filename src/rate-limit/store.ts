import type { Core } from '@strapi/strapi';
import { createClient } from 'redis';
import { rowsOf, type RawRows } from '../platform/sql';

const TABLE = 'ri_rate_limits';

export interface Hit {
  /** Hits in the current window, this one included. */
  count: number;
  /** Seconds until the window ends. */
  retryAfter: number;
}

/**
 * Counters kept in the database, so that every server instance sharing it counts together. A
 * fixed window per key; one atomic statement per hit (INSERT … ON CONFLICT … RETURNING works on
 * PostgreSQL and SQLite alike).
 */
export const createRateLimitStore = (strapi: Core.Strapi) => {
  const knex = strapi.db.connection;
  let ready: Promise<void> | undefined;

  const ensureTable = (): Promise<void> => {
    // IF NOT EXISTS: several instances may start at once on the same database.
    ready ??= knex
      .raw(
        `CREATE TABLE IF NOT EXISTS ${TABLE} (key VARCHAR(200) PRIMARY KEY, window_start BIGINT NOT NULL, count INTEGER NOT NULL)`,
      )
      .then(() => undefined);
    return ready;
  };

  return {
    ensureTable,

    /** Counts one hit of `key` in a window of `windowSeconds`. */
    async hit(key: string, windowSeconds: number): Promise<Hit> {
      await ensureTable();
      const now = Date.now();
      const expired = now - windowSeconds * 1000;
      const result = await knex.raw<RawRows<{ count: number | string; window_start: number | string }>>(
        `INSERT INTO ${TABLE} (key, window_start, count) VALUES (?, ?, 1)
         ON CONFLICT (key) DO UPDATE SET
           count = CASE WHEN ${TABLE}.window_start <= ? THEN 1 ELSE ${TABLE}.count + 1 END,
           window_start = CASE WHEN ${TABLE}.window_start <= ? THEN ? ELSE ${TABLE}.window_start END
         RETURNING count, window_start`,
        [key, now, expired, expired, now],
      );
      const [row] = rowsOf(result);
      const windowEnd = Number(row.window_start) + windowSeconds * 1000;
      return { count: Number(row.count), retryAfter: Math.max(1, Math.ceil((windowEnd - now) / 1000)) };
    },
  };
};

export interface RateLimitStore {
  ensureTable(): Promise<void>;
  hit(key: string, windowSeconds: number): Promise<Hit>;
  close?(): Promise<void>;
}

/**
 * Counters in Redis (REDIS_URL), for deployments that have it: INCR, and an expiry set with the
 * first hit of a window. `prefix` keeps several deployments on one Redis apart.
 */
export const createRedisRateLimitStore = (
  strapi: Core.Strapi,
  url: string,
  prefix: string,
): RateLimitStore => {
  const client = createClient({ url });
  // Without a listener, a connection error would stop the process.
  client.on('error', (error: Error) => strapi.log.error(`[rate-limit] Redis: ${error.message}`));
  let connected: Promise<unknown> | undefined;
  const connect = () => {
    connected ??= client.connect();
    return connected;
  };
  return {
    ensureTable: async () => {
      await connect();
    },
    async hit(key: string, windowSeconds: number): Promise<Hit> {
      await connect();
      const name = `${prefix}${key}`;
      const [count, , ttl] = (await client
        .multi()
        .incr(name)
        .expire(name, windowSeconds, 'NX')
        .ttl(name)
        .exec()) as [number, number, number];
      return { count, retryAfter: Math.max(1, ttl) };
    },
    async close() {
      if (connected) await client.quit();
    },
  };
};
