import { AsyncLocalStorage } from 'node:async_hooks';
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

/** PostgreSQL SQLSTATE classes and Node error codes that mean "the database is away", not "bad query". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01', // admin_shutdown: the connection was terminated (pg_terminate_backend, restart)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up
  '53300', // too_many_connections
  'SQLITE_BUSY',
]);
// The last one: a query still queued on a transaction that the cut connection rolled back.
const UNAVAILABLE_MESSAGES =
  /Connection terminated|Connection ended unexpectedly|terminating connection|Timeout acquiring a connection|Client has encountered a connection error|connection is closed|database system is (starting|shutting) up|is not currently accepting connections|Transaction query already complete/i;

/** Whether an error means the database could not be reached or dropped the connection. */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  for (let current: unknown = error, hops = 0; current && hops < 4; hops += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08'))) return true;
    const message = (current as { message?: unknown }).message;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};

/** Configuration errors: retrying cannot help. */
const FATAL_CODES: Record<string, string> = {
  '3D000': 'the database does not exist (create it, e.g. `createdb <name>`)',
  '28P01': 'the password was refused',
  '28000': 'the user is not allowed to connect',
};

const describe = (error: unknown): string => {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message;
};

/**
 * At start-up, waits for the database: while it cannot be reached, says so in one line and tries
 * again after 1, 2, 4... up to 30 s, for at most DATABASE_STARTUP_TIMEOUT (seconds, default 300);
 * a database that does not exist or refuses the credentials stops the start at once, with the
 * reason. Runs before Strapi opens the database (the user `register` phase).
 */
export const waitForDatabase = async (strapi: Core.Strapi): Promise<void> => {
  const limitMs = Number(process.env.DATABASE_STARTUP_TIMEOUT ?? 300) * 1000;
  const started = Date.now();
  let delay = 1000;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await strapi.db.connection.raw('select 1');
      if (attempt > 1)
        strapi.log.info(`[database] reachable after ${Math.round((Date.now() - started) / 1000)} s`);
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && FATAL_CODES[code]) {
        throw new Error(`Cannot use the database: ${FATAL_CODES[code]} (${describe(error)}).`);
      }
      if (Date.now() - started + delay > limitMs) {
        throw new Error(
          `The database is still unreachable after ${Math.round((Date.now() - started) / 1000)} s (${describe(error)}).`,
        );
      }
      strapi.log.warn(`[database] not reachable (${describe(error)}); trying again in ${delay / 1000} s`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 30_000);
    }
  }
};

/**
 * A connection cut under a query can surface outside the request that ran it: a promise of
 * Strapi's that nobody awaited any more is rejected, and Node would stop the whole process for it.
 * Such a rejection (or that of a query still queued on a transaction the cut rolled back) is logged
 * and the process goes on (the pool replaces the connection; the request itself got its 503); any
 * other unhandled rejection still stops the process, as Node does.
 */
export const survivesDatabaseOutages = (strapi: Core.Strapi): void => {
  process.on('unhandledRejection', (reason: unknown) => {
    if (isDatabaseUnavailable(reason)) {
      strapi.log.warn(`[database] connection lost under a query: ${describe(reason)}`);
      return;
    }
    throw reason;
  });
};

/**
 * On PostgreSQL, instances that start at the same time on one database (a new deployment of
 * several replicas, or all restarted at once) take turns: each holds an advisory lock from before
 * Strapi creates or changes tables until the end of its start-up. Without it, two instances on a
 * new database both create the same tables and one stops ("relation … already exists").
 * Returns the release (nothing to release on SQLite).
 */
export const holdStartupLock = async (strapi: Core.Strapi): Promise<() => Promise<void>> => {
  if (strapi.db.dialect.client !== 'postgres') return () => Promise.resolve();
  const { Client } = await import('pg');
  const settings = strapi.config.get<ConstructorParameters<typeof Client>[0]>(
    'database.connection.connection',
  );
  const client = new Client(settings);
  client.on('error', (error: Error) => strapi.log.warn(`[database] start-up lock: ${error.message}`));
  await client.connect();
  const started = Date.now();
  const waiting = setTimeout(
    () => strapi.log.info('[database] another instance is starting on this database: waiting for it'),
    1000,
  );
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('relations-internationales:start-up'))");
  } finally {
    clearTimeout(waiting);
  }
  if (Date.now() - started > 1000)
    strapi.log.info(`[database] waited ${Date.now() - started} ms for another instance`);
  return async () => {
    await client
      .query("SELECT pg_advisory_unlock(hashtext('relations-internationales:start-up'))")
      .catch(() => undefined);
    await client.end().catch(() => undefined);
  };
};

/** A Document Service read that has not yet reached the transaction Strapi opens around it. */
const plainRead = new AsyncLocalStorage<{ pending: boolean }>();

/**
 * Runs a Document Service read (`findMany`, `findOne`, `findFirst`, `count`) without the
 * transaction that Strapi opens around every call of the service, reads included: at PostgreSQL's
 * READ COMMITTED level each statement of a transaction reads its own snapshot anyway, so `BEGIN`
 * and `COMMIT` gave a read nothing but two more round trips to the database (a third of a slug
 * page's statements). Only the outermost transaction of the call is left out, and only outside
 * any transaction: a read made inside a write keeps seeing the write's uncommitted rows. Used by
 * src/documents/plain-reads.ts, the innermost Document Service layer, whose `next()` is the
 * repository method that opens the transaction first.
 */
export const withoutReadTransaction = <T>(read: () => T): T => plainRead.run({ pending: true }, read);

interface KnexTransactor {
  /** Settles when the transaction has ended: resolved on COMMIT, rejected if it failed or rolled back. */
  executionPromise?: Promise<unknown>;
}

/**
 * A write is acknowledged only once it is committed. knex swallows a failed COMMIT (the connection
 * cut at that moment): `trx.commit()` resolves and only the transaction's own promise is rejected,
 * so Strapi's `db.transaction` returned normally and the API answered 201 for a change that the
 * database had rolled back (found by the fault test: an acknowledged entry missing afterwards).
 * The outermost transaction now also waits for that promise, and fails (a 503) when it is rejected.
 * A read marked by `withoutReadTransaction` opens none.
 */
export const commitsOrFails = (strapi: Core.Strapi): void => {
  const database = strapi.db as {
    transaction: (callback?: (params: { trx?: KnexTransactor }) => Promise<unknown>) => Promise<unknown>;
    inTransaction(): boolean;
  };
  const transaction = database.transaction.bind(database);
  database.transaction = async (callback) => {
    if (!callback || database.inTransaction()) return transaction(callback);
    const read = plainRead.getStore();
    if (read?.pending) {
      read.pending = false;
      return callback({});
    }
    let transactor: KnexTransactor | undefined;
    const result = await transaction(async (params) => {
      transactor = params.trx;
      return callback(params);
    });
    await transactor?.executionPromise;
    return result;
  };
};
