/**
 * `npm run restore -- <directory> [--force]`: restores a backup made by `npm run backup` into the
 * configured database and uploads folder. Refuses a database or uploads folder that holds anything,
 * unless `--force` (which replaces them). Stop the server first. Exits non-zero with the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { databaseFromEnv, restore, uploadsDirFromEnv } from '../src/platform/backup';

if (fs.existsSync('.env')) process.loadEnvFile('.env');

const args = process.argv.slice(2);
const force = args.includes('--force');
const directory = args.find((arg) => !arg.startsWith('--'));
if (!directory) {
  console.error('Usage: npm run restore -- <backup directory> [--force]');
  process.exit(2);
}

restore(path.resolve(directory), { force }, databaseFromEnv(), uploadsDirFromEnv()).then(
  (manifest) => {
    console.log(
      `Restored ${directory} (made ${manifest.createdAt}): ${manifest.database.client} database, ` +
        `${manifest.uploads.length} uploaded files.`,
    );
    process.exit(0);
  },
  (error: unknown) => {
    console.error(`Restore failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
