import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { Client } from 'pg';

/** The table holding the version (one row, id 1). */
export const CONTENT_VERSION_TABLE = 'ri_content_version';
const TABLE = CONTENT_VERSION_TABLE;
/** The PostgreSQL NOTIFY channel on which a write announces the new version to every instance. */
export const CONTENT_VERSION_CHANNEL = 'ri_content_version';
const CHANNEL = CONTENT_VERSION_CHANNEL;

export interface ContentVersion {
  /** The version this instance knows: it moves forward only, after the change it counts committed. */
  current(): number;
  /** Counts a change of public content: after the change commits (in its transaction if any). */
  bump(): Promise<void>;
  /** Listens for the other instances' changes (PostgreSQL NOTIFY) and polls as a safety net. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Called with the new version whenever it moves (the response cache empties itself). */
  onChange(listener: (version: number) => void): void;
}

interface Row {
  id: number;
  version: number | string;
}

/** What Strapi's `db.transaction` gives its callback (typed `any` by Strapi). */
interface TransactionScope {
  trx: Knex.Transaction;
  onCommit: (callback: () => void) => void;
}

/** The version as the database holds it now (NaN before the first start made its row). */
export const versionIn = async (knex: Knex): Promise<number> =>
  Number((await knex<Row>(TABLE).where({ id: 1 }).first('version'))?.version);

/**
 * One number in the database counts the changes of everything the public API can show. Every
 * write of public content increments it in the write's own transaction, so an instance that reads
 * a new version can only read the content it covers. Each instance keeps the version in memory:
 * its own changes move it at once (on commit), the others' within a second (PostgreSQL's
 * LISTEN/NOTIFY, which delivers on commit, and a poll every CONTENT_VERSION_POLL_MS, 500 by default,
 * for SQLite and for a lost notification). The HTTP cache derives its ETags and cache keys from it.
 */
export const createContentVersion = (strapi: Core.Strapi): ContentVersion => {
  const knex = strapi.db.connection;
  const postgres = strapi.db.dialect.client === 'postgres';
  const pollMs = Math.max(50, Number(process.env.CONTENT_VERSION_POLL_MS ?? 500));
  let version = 0;
  let ready: Promise<void> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let listener: Client | undefined;
  let stopped = false;
  const listeners: Array<(version: number) => void> = [];

  const observe = (value: number): void => {
    if (!Number.isFinite(value) || value <= version) return;
    version = value;
    for (const notify of listeners) notify(version);
  };

  const ensure = (): Promise<void> => {
    // IF NOT EXISTS / ON CONFLICT: several instances may start at once on the same database.
    ready ??= (async () => {
      await knex.raw(`CREATE TABLE IF NOT EXISTS ${TABLE} (id INTEGER PRIMARY KEY, version BIGINT NOT NULL)`);
      await knex.raw(`INSERT INTO ${TABLE} (id, version) VALUES (1, 1) ON CONFLICT (id) DO NOTHING`);
      observe(await versionIn(knex));
    })();
    return ready;
  };

  const poll = async (): Promise<void> => {
    try {
      observe(await versionIn(knex));
    } catch (error) {
      strapi.log.debug(`[content-version] poll: ${(error as Error).message}`);
    }
  };

  const listen = async (): Promise<void> => {
    const settings = (knex.client as { connectionSettings: unknown }).connectionSettings;
    const client = new Client(settings as ConstructorParameters<typeof Client>[0]);
    client.on('notification', (message) => {
      observe(Number(message.payload));
    });
    client.on('error', (error) => {
      strapi.log.warn(`[content-version] LISTEN connection lost (${error.message}): polling only`);
      listener = undefined;
    });
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    listener = client;
  };

  return {
    current: () => version,

    async bump() {
      await ensure();
      await strapi.db.transaction(async ({ trx, onCommit }: TransactionScope) => {
        await trx(TABLE).where({ id: 1 }).increment('version', 1);
        const value = await versionIn(trx);
        if (postgres) await trx.raw('SELECT pg_notify(?, ?)', [CHANNEL, String(value)]);
        // Outside any transaction, Strapi's own has committed when this returns; inside one, the
        // callback runs when the outermost commits (and never on a rollback).
        onCommit(() => {
          observe(value);
        });
      });
    },

    async start() {
      await ensure();
      stopped = false;
      if (postgres) {
        try {
          await listen();
        } catch (error) {
          strapi.log.warn(`[content-version] LISTEN unavailable (${(error as Error).message}): polling only`);
        }
      }
      const tick = (): void => {
        timer = setTimeout(() => {
          void poll().finally(() => {
            if (!stopped) tick();
          });
        }, pollMs);
        timer.unref();
      };
      tick();
    },

    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const client = listener;
      listener = undefined;
      await client?.end().catch(() => undefined);
    },

    onChange(notify) {
      listeners.push(notify);
    },
  };
};

let shared: ContentVersion | undefined;
let sharedFor: Core.Strapi | undefined;

/** The content version of this Strapi (one per process, made on first use). */
export const contentVersion = (strapi: Core.Strapi): ContentVersion => {
  if (!shared || sharedFor !== strapi) {
    shared = createContentVersion(strapi);
    sharedFor = strapi;
  }
  return shared;
};
