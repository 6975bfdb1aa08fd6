import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { anonymous, COLLECTIONS, countAll, dataOf, trusted, type Entry } from '../helpers/client';
import { pathOf } from '../helpers/types';
import { readSeedFiles } from '../../src/seed/loader';
import { runNode } from '../helpers/run-node';
import { createTestDatabase } from '../helpers/database';
import { TEST_SECRETS } from '../helpers/secrets';

const SEED_SCRIPT = path.join('dist', 'database', 'seed.js');
/** The collection types the seed fills, read from its files. */
const TYPES = readSeedFiles(path.join(__dirname, '..', '..', 'database', 'seed'))
  .map(({ file }) => pathOf(file.uid))
  .filter((plural) => COLLECTIONS.includes(plural));

const countEverything = async (): Promise<Record<string, number>> => {
  const counts: Record<string, number> = {};
  for (const plural of TYPES) counts[plural] = await countAll(plural);
  return counts;
};

describe('npm run seed', () => {
  // What a production install does first: the seed on a brand-new database, in production mode.
  it('on a brand-new database writes everything and exits 0 with nothing on its error output', async () => {
    const database = await createTestDatabase(
      process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite',
    );
    try {
      const run = await runNode([SEED_SCRIPT], {
        ...database.env,
        ...TEST_SECRETS,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
        WEBSITE_WEBHOOK_URL: '',
      });
      expect(run.stderr).not.toMatch(/Error|aborted|Seed failed/);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/\[seed\] 36 created, 0 already there/);

      // Run again: everything is already there.
      const again = await runNode([SEED_SCRIPT], {
        ...database.env,
        ...TEST_SECRETS,
        NODE_ENV: 'production',
        LOG_LEVEL: 'info',
      });
      expect(again.code).toBe(0);
      expect(again.stdout).toMatch(/\[seed\] 0 created, 36 already there/);
    } finally {
      await database.drop();
    }
  });

  it('run again on a seeded database creates no duplicate and keeps what staff edited', async () => {
    const partnership = dataOf<Entry[]>(
      await anonymous().get('/api/partnerships?filters[slug][$eq]=quebec-education'),
    )[0];
    const edited = await trusted.put(`/api/partnerships/${partnership.documentId}`, {
      data: { summary: 'Résumé réécrit par le personnel de la Mission.' },
    });
    expect(edited.status).toBe(200);
    const before = await countEverything();

    const run = await runNode([SEED_SCRIPT]);
    expect(run.stderr).not.toMatch(/Seed failed/);
    expect(run.code).toBe(0);

    expect(await countEverything()).toEqual(before);
    const after = await anonymous().get(`/api/partnerships/${partnership.documentId}`);
    expect(dataOf(after).summary).toBe('Résumé réécrit par le personnel de la Mission.');
    const mission = await trusted.get('/api/mission?status=draft');
    expect(mission.status).toBe(200);
  });

  it('fails with a non-zero exit and the reason, and writes nothing, when a file names an unknown entry', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    fs.writeFileSync(
      path.join(directory, '01-themes.json'),
      JSON.stringify({
        uid: 'api::theme.theme',
        key: 'slug',
        entries: [{ name: 'Thème valide', slug: 'test-theme-valide' }],
      }),
    );
    fs.writeFileSync(
      path.join(directory, '02-partnerships.json'),
      JSON.stringify({
        uid: 'api::partnership.partnership',
        key: 'slug',
        entries: [{ title: 'Orphelin', slug: 'test-orphelin', partnerName: 'x', country: 'atlantide' }],
      }),
    );
    const themesBefore = await countAll('themes');

    const run = await runNode([SEED_SCRIPT], { SEED_DIR: directory });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Seed failed: 02-partnerships\.json entry 1: "country" names "atlantide"/);
    // One transaction: the valid theme of the first file was rolled back too.
    expect(await countAll('themes')).toBe(themesBefore);
    const theme = await anonymous().get('/api/themes?filters[slug][$eq]=test-theme-valide');
    expect(dataOf<Entry[]>(theme)).toEqual([]);
    fs.rmSync(directory, { recursive: true, force: true });
  });

  it('fails on an entry the model refuses, naming the field', async () => {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-'));
    fs.writeFileSync(
      path.join(directory, '01-countries.json'),
      JSON.stringify({
        uid: 'api::country.country',
        key: 'isoCode',
        entries: [{ name: 'Nulle part', slug: 'nulle-part', isoCode: 'QQ', continent: 'europe' }],
      }),
    );
    const run = await runNode([SEED_SCRIPT], { SEED_DIR: directory });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Seed failed: .*isoCode/);
    fs.rmSync(directory, { recursive: true, force: true });
  });
});
