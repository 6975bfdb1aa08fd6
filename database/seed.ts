/**
 * `npm run seed`: loads `database/seed/*.json` into the configured database. Idempotent: an entry
 * that exists is kept as it is. Exits non-zero with the reason on any failure. `app.destroy()` waits
 * for the writes Strapi makes in the background after a save (content history) before closing the
 * database (see `src/platform/database.ts`).
 */
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { runSeed } from '../src/seed/loader';

const main = async (): Promise<void> => {
  process.env.SEED_ON_START = 'false';
  const appDir = process.cwd();
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const directory = process.env.SEED_DIR ? path.resolve(process.env.SEED_DIR) : undefined;
    const report = await runSeed(app, directory);
    app.log.info(`[seed] ${report.created} created, ${report.kept} already there`);
  } finally {
    await app.destroy();
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`Seed failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
