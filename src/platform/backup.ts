/**
 * Complete copies of an installation: the database (content in every locale, drafts, relations,
 * media metadata, association accounts, admin users and roles, API tokens, sessions, outbox) with
 * the database's own tools, and the uploaded files, with a manifest of SHA-256 checksums.
 *
 * - PostgreSQL: `pg_dump --format=custom` (a consistent snapshot while the server runs), restored
 *   with `pg_restore --single-transaction --exit-on-error`;
 * - SQLite: SQLite's online backup API (better-sqlite3 `backup()`), a consistent copy while the
 *   server runs; restored through the same API into a new file that then replaces the target;
 * - uploads: `<PUBLIC_DIR>/uploads`, copied after the database, so every file the copied database
 *   names is there (a file uploaded during the backup may be copied without being named: harmless).
 *
 * Why not `strapi export` / `strapi import`: the export leaves out admin users, roles and API tokens,
 * and the import deletes the target's content first; neither is a complete copy.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Client } from 'pg';

export interface DatabaseTarget {
  client: 'sqlite' | 'postgres';
  /** SQLite: the file. */
  filename?: string;
  /** PostgreSQL: a connection string and the schema. */
  url?: string;
  schema?: string;
}

export interface Manifest {
  format: 1;
  createdAt: string;
  database: { client: DatabaseTarget['client']; file: string; sha256: string; bytes: number };
  uploads: Array<{ path: string; sha256: string; bytes: number }>;
}

export class BackupError extends Error {}

/** The database the server is configured for, from the same variables as config/database.ts. */
export const databaseFromEnv = (env: NodeJS.ProcessEnv = process.env): DatabaseTarget => {
  const client = env.DATABASE_CLIENT || 'sqlite';
  if (client === 'sqlite') {
    return { client, filename: path.resolve(env.DATABASE_FILENAME || '.tmp/data.db') };
  }
  if (client !== 'postgres')
    throw new BackupError(`DATABASE_CLIENT must be "sqlite" or "postgres", not "${client}".`);
  let url = env.DATABASE_URL;
  if (!url) {
    const built = new URL('postgres://localhost');
    built.hostname = env.DATABASE_HOST || '127.0.0.1';
    built.port = env.DATABASE_PORT || '5432';
    built.pathname = `/${env.DATABASE_NAME || 'relations_internationales'}`;
    built.username = env.DATABASE_USERNAME || 'postgres';
    built.password = env.DATABASE_PASSWORD || '';
    if (env.DATABASE_SSL === 'true') built.searchParams.set('sslmode', 'require');
    url = built.toString();
  }
  return { client, url, schema: env.DATABASE_SCHEMA || 'public' };
};

export const uploadsDirFromEnv = (env: NodeJS.ProcessEnv = process.env): string =>
  path.resolve(env.PUBLIC_DIR || 'public', 'uploads');

const sha256 = (file: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = crypto.createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => {
        resolve(hash.digest('hex'));
      });
  });

/** Every file under `root`, as paths relative to it (`.gitkeep` excluded). */
const filesUnder = (root: string): string[] => {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name !== '.gitkeep')
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)))
    .sort();
};

/** Runs a PostgreSQL client tool; resolves with what it printed. */
const run = (command: string, args: string[]): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let errors = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', (error) => {
      reject(
        new BackupError(
          `${command} could not be run (${error.message}): is the PostgreSQL client installed?`,
        ),
      );
    });
    child.on('close', (code) => {
      if (code === 0) resolve(output);
      else reject(new BackupError(`${command} failed (exit ${String(code)}): ${errors.trim()}`));
    });
  });

const withPg = async <T>(url: string, work: (client: Client) => Promise<T>): Promise<T> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};

/** Makes a backup into `directory` (created; it must not hold anything yet). */
export const backup = async (
  directory: string,
  database: DatabaseTarget = databaseFromEnv(),
  uploadsDir: string = uploadsDirFromEnv(),
): Promise<Manifest> => {
  if (fs.existsSync(directory) && fs.readdirSync(directory).length > 0) {
    throw new BackupError(`${directory} is not empty: a backup goes into a new directory.`);
  }
  fs.mkdirSync(directory, { recursive: true });

  let file: string;
  if (database.client === 'postgres') {
    file = 'database.pgdump';
    await run('pg_dump', [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--schema=${database.schema ?? 'public'}`,
      `--file=${path.join(directory, file)}`,
      `--dbname=${database.url ?? ''}`,
    ]);
  } else {
    file = 'database.sqlite';
    if (!database.filename || !fs.existsSync(database.filename)) {
      throw new BackupError(`no SQLite database at ${database.filename}`);
    }
    const source = new Database(database.filename, { readonly: true, fileMustExist: true });
    try {
      await source.backup(path.join(directory, file));
    } finally {
      source.close();
    }
  }

  const uploads: Manifest['uploads'] = [];
  for (const relative of filesUnder(uploadsDir)) {
    const target = path.join(directory, 'uploads', relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(uploadsDir, relative), target);
    uploads.push({ path: relative, sha256: await sha256(target), bytes: fs.statSync(target).size });
  }

  const databaseFile = path.join(directory, file);
  const manifest: Manifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: {
      client: database.client,
      file,
      sha256: await sha256(databaseFile),
      bytes: fs.statSync(databaseFile).size,
    },
    uploads,
  };
  fs.writeFileSync(path.join(directory, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
};

/** What the target already holds (empty list: nothing). */
export const targetContents = async (database: DatabaseTarget, uploadsDir: string): Promise<string[]> => {
  const found: string[] = [];
  if (database.client === 'postgres') {
    const tables = await withPg(database.url ?? '', async (client) => {
      const result = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1',
        [database.schema ?? 'public'],
      );
      return Number(result.rows[0].n);
    });
    if (tables > 0) found.push(`${tables} tables in the database`);
  } else if (database.filename && fs.existsSync(database.filename)) {
    const db = new Database(database.filename, { readonly: true });
    try {
      const { n } = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as {
        n: number;
      };
      if (n > 0) found.push(`${n} tables in ${database.filename}`);
    } finally {
      db.close();
    }
  }
  const files = filesUnder(uploadsDir).length;
  if (files > 0) found.push(`${files} files in ${uploadsDir}`);
  return found;
};

/** Checks a backup against its manifest; returns the manifest. */
export const verify = async (directory: string): Promise<Manifest> => {
  const manifestFile = path.join(directory, 'manifest.json');
  if (!fs.existsSync(manifestFile)) throw new BackupError(`${directory} has no manifest.json: not a backup`);
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as Manifest;
  if (manifest.format !== 1) throw new BackupError(`unknown backup format ${String(manifest.format)}`);
  const check = async (file: string, expected: string) => {
    if (!fs.existsSync(file) || (await sha256(file)) !== expected) {
      throw new BackupError(`${file} is missing or does not match its checksum: the backup is damaged`);
    }
  };
  await check(path.join(directory, manifest.database.file), manifest.database.sha256);
  for (const upload of manifest.uploads)
    await check(path.join(directory, 'uploads', upload.path), upload.sha256);
  return manifest;
};

/**
 * Restores a backup. Refuses a target that holds anything (database tables or uploaded files)
 * unless `force`, which replaces it. The server must be stopped while a restore runs.
 */
export const restore = async (
  directory: string,
  { force = false }: { force?: boolean } = {},
  database: DatabaseTarget = databaseFromEnv(),
  uploadsDir: string = uploadsDirFromEnv(),
): Promise<Manifest> => {
  const manifest = await verify(directory);
  if (manifest.database.client !== database.client) {
    throw new BackupError(
      `this backup is of a ${manifest.database.client} database; the target is ${database.client}`,
    );
  }
  const present = await targetContents(database, uploadsDir);
  if (present.length > 0 && !force) {
    throw new BackupError(
      `the target is not empty (${present.join(', ')}): restore replaces it only when told to (--force)`,
    );
  }

  const source = path.join(directory, manifest.database.file);
  if (database.client === 'postgres') {
    const schema = database.schema ?? 'public';
    const quoted = `"${schema.replace(/"/g, '""')}"`;
    await withPg(database.url ?? '', async (client) => {
      if (present.length > 0) await client.query(`DROP SCHEMA IF EXISTS ${quoted} CASCADE`);
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoted}`);
    });
    // The schema exists (a new database always has "public"): its own creation is left out of the
    // dump's table of contents, everything else is restored in one transaction.
    const contents = (await run('pg_restore', ['--list', source]))
      .split('\n')
      .filter((line) => !new RegExp(`^\\d+; \\d+ \\d+ SCHEMA - ${schema} `).test(line))
      .join('\n');
    const listFile = path.join(directory, '.restore-list');
    fs.writeFileSync(listFile, contents);
    try {
      await run('pg_restore', [
        '--no-owner',
        '--no-privileges',
        '--single-transaction',
        '--exit-on-error',
        `--use-list=${listFile}`,
        `--dbname=${database.url ?? ''}`,
        source,
      ]);
    } finally {
      fs.rmSync(listFile, { force: true });
    }
  } else {
    const target = database.filename ?? '';
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const staging = `${target}.restoring`;
    fs.rmSync(staging, { force: true });
    const db = new Database(source, { readonly: true });
    try {
      await db.backup(staging);
    } finally {
      db.close();
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${suffix}`, { force: true });
    fs.renameSync(staging, target);
  }

  // The folder must exist even with no file in it: the local upload provider refuses to start without.
  fs.mkdirSync(uploadsDir, { recursive: true });
  if (force) {
    for (const relative of filesUnder(uploadsDir)) fs.rmSync(path.join(uploadsDir, relative));
  }
  for (const upload of manifest.uploads) {
    const target = path.join(uploadsDir, upload.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(path.join(directory, 'uploads', upload.path), target);
  }
  return manifest;
};
