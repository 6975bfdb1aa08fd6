/**
 * `npm run backup [-- <directory>]`: a complete copy of the configured installation (database and
 * uploaded files, see src/platform/backup.ts) into a new directory, by default
 * `backups/<date-time>`. Runs while the server runs. Exits non-zero with the reason on failure.
 */
import fs from 'node:fs';
import path from 'node:path';
import { backup, databaseFromEnv, uploadsDirFromEnv } from '../src/platform/backup';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

const directory = path.resolve(
  process.argv[2] ?? path.join('backups', new Date().toISOString().replace(/[:.]/g, '-')),
);

backup(directory, databaseFromEnv(), uploadsDirFromEnv()).then(
  (manifest) => {
    console.log(
      `Backup written to ${directory}: ${manifest.database.client} database ` +
        `(${manifest.database.bytes} bytes), ${manifest.uploads.length} uploaded files.`,
    );
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
