import type { Core } from '@strapi/strapi';

/** What knex's connection pool (tarn) tells about its use. */
interface PoolState {
  numUsed(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

const poolOf = (strapi: Core.Strapi): PoolState | undefined =>
  (strapi.db?.connection?.client as { pool?: PoolState } | undefined)?.pool;

const busy = (pool: PoolState): boolean =>
  pool.numUsed() + pool.numPendingAcquires() + pool.numPendingCreates() > 0;

/**
 * Waits until no database work has been running or waiting for `quietMs` in a row, at most
 * `maxMs`. Strapi starts writes of its own in the background after a save (the content-history
 * versions of the content manager, not awaited by the save): closing the database under them makes
 * the process fail at exit ("Error: aborted") although every change was written. Returns whether
 * the database went quiet.
 */
export const waitForIdleDatabase = async (
  strapi: Core.Strapi,
  { quietMs = 300, maxMs = 30_000 }: { quietMs?: number; maxMs?: number } = {},
): Promise<boolean> => {
  const pool = poolOf(strapi);
  if (!pool) return true;
  const started = Date.now();
  let quietSince = busy(pool) ? 0 : Date.now();
  while (Date.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 25));
    if (busy(pool)) quietSince = 0;
    else if (quietSince === 0) quietSince = Date.now();
    else if (Date.now() - quietSince >= quietMs) return true;
  }
  strapi.log.warn(`[shutdown] the database was still busy after ${maxMs} ms; closing it anyway`);
  return false;
};
