import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { randomSecrets } from './secrets';

/** Which database a test run uses: `TEST_DATABASE=postgres` or the SQLite default. */
export type TestDatabaseClient = 'sqlite' | 'postgres';

export interface TestDatabase {
  client: TestDatabaseClient;
  /** The environment that points Strapi at this database. */
  env: Record<string, string>;
  drop(): Promise<void>;
}

/** SQL straight on a test database, whichever its client (no server in between). */
export interface SqlSession {
  /** The rows a statement reads, as plain objects. */
  rows<T = Record<string, unknown>>(sql: string): Promise<T[]>;
  /** Runs statements (on SQLite, several may be given at once). */
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** `readonly`: SQLite's file is opened read-only (PostgreSQL: no difference). */
export const sqlOn = async (
  database: Pick<TestDatabase, 'client' | 'env'>,
  { readonly = false } = {},
): Promise<SqlSession> => {
  if (database.client === 'sqlite') {
    const db = new Database(database.env.DATABASE_FILENAME, { readonly });
    return {
      rows: <T>(sql: string) => Promise.resolve(db.prepare(sql).all() as T[]),
      run: (sql) => {
        db.exec(sql);
        return Promise.resolve();
      },
      close: () => {
        db.close();
        return Promise.resolve();
      },
    };
  }
  const client = new Client({
    host: database.env.DATABASE_HOST,
    port: Number(database.env.DATABASE_PORT),
    database: database.env.DATABASE_NAME,
    user: database.env.DATABASE_USERNAME,
    password: database.env.DATABASE_PASSWORD,
  });
  await client.connect();
  return {
    rows: async <T>(sql: string) => (await client.query(sql)).rows as T[],
    run: async (sql) => {
      await client.query(sql);
    },
    close: () => client.end(),
  };
};

/** The shared test server's database (the global setup put its settings in the environment). */
export const sharedTestDatabase = (): Pick<TestDatabase, 'client' | 'env'> => {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] => entry[0].startsWith('DATABASE_') && entry[1] !== undefined,
    ),
  );
  return { client: env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite', env };
};

/** The PostgreSQL server the harness and the benchmarks create their databases on. */
export const pgAdminUrl = (): string =>
  process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const withAdminClient = async <T>(work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/**
 * Creates a fresh, empty database for one test run: a new SQLite file under `.tmp/`, or a new
 * PostgreSQL database. `drop()` deletes it.
 */
export const createTestDatabase = async (client: TestDatabaseClient): Promise<TestDatabase> => {
  const suffix = `${Date.now().toString(36)}_${crypto.randomBytes(3).toString('hex')}`;

  if (client === 'postgres') {
    const name = `ri_test_${suffix}`;
    const url = new URL(pgAdminUrl());
    await withAdminClient((admin) => admin.query(`CREATE DATABASE "${name}"`));
    return {
      client,
      env: {
        DATABASE_CLIENT: 'postgres',
        DATABASE_HOST: url.hostname,
        DATABASE_PORT: url.port || '5432',
        DATABASE_NAME: name,
        DATABASE_USERNAME: decodeURIComponent(url.username || 'postgres'),
        DATABASE_PASSWORD: decodeURIComponent(url.password),
      },
      drop: () =>
        withAdminClient(async (admin) => {
          await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        }),
    };
  }

  const filename = path.join('.tmp', `test-${suffix}.db`);
  fs.mkdirSync('.tmp', { recursive: true });
  return {
    client,
    env: { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: filename },
    drop: () => {
      for (const file of [filename, `${filename}-wal`, `${filename}-shm`, `${filename}-journal`]) {
        fs.rmSync(file, { force: true });
      }
      return Promise.resolve();
    },
  };
};

/** Runs one statement on that server (CREATE or DROP DATABASE). */
export const onPgServer = async (sql: string): Promise<void> => {
  const client = new Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
};

/**
 * The environment of a production-mode server on a PostgreSQL database of the admin server,
 * named `name`, as the benchmarks start it: loopback only, no admin panel, no webhook or e-mail,
 * fresh random secrets. `extra` adds or overrides variables.
 */
export const benchServerEnv = (name: string, extra: Record<string, string> = {}): Record<string, string> => {
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_CLIENT: 'postgres',
    DATABASE_URL: url.toString(),
    SERVE_ADMIN: 'false',
    LOG_LEVEL: 'warn',
    STRAPI_TELEMETRY_DISABLED: 'true',
    WEBSITE_WEBHOOK_URL: '',
    SMTP_HOST: '',
    ...randomSecrets(),
    ...extra,
  };
};
