/**
 * The public-money exports at size: 10,000 funding lines (EXPORT_LINES) on a new PostgreSQL
 * database with the seed, a production-mode server; for each export, the time to the first byte
 * and to the last, the size, and the server's resident memory before and at its peak while the file
 * is sent. Streamed files are read a page at a time: the peak should not grow with the file. Prints
 * a Markdown table; asserts nothing (a measure, not a test).
 *
 *   npm run bench:exports        (compiles first; TEST_PG_ADMIN_URL for the PostgreSQL server)
 *
 * The lines are created through the Document Service by this script itself (run with `generate`,
 * in a child process on the same database), published, as grants to 50 associations, spread over
 * the seed's partnerships and years 2015–2024.
 */
import path from 'node:path';
import { createStrapi } from '@strapi/strapi';
import { rssMiB, runNode } from './processes';
import { benchServerEnv, onPgServer } from '../helpers/database';
import { adminOf } from '../helpers/instances';
import { freePort, spawnInstance, untilAnswering } from '../helpers/second-instance';

const LINES = Number(process.env.EXPORT_LINES ?? 10_000);
const ORGANISATION_ID = 'FR-SIRET-23350001600040';

/** Creates the lines (in this process, on the database of the environment). */
const generate = async (): Promise<void> => {
  process.env.SEED_ON_START = 'false';
  const appDir = process.cwd();
  const app = await createStrapi({ appDir, distDir: path.join(appDir, 'dist') }).load();
  try {
    const mission = await app.documents('api::mission.mission').findFirst({ status: 'draft' });
    if (!mission) throw new Error('no Mission: run the seed first');
    await app.documents('api::mission.mission').update({
      documentId: mission.documentId,
      data: { siret: '23350001600040', iatiOrganisationId: ORGANISATION_ID },
      status: 'published',
    });
    const partnerships = await app
      .documents('api::partnership.partnership')
      .findMany({ fields: ['documentId'] });
    const associations: string[] = [];
    for (let index = 0; index < 50; index += 1) {
      const created = await app.documents('api::association.association').create({
        data: {
          name: `Association ${index}`,
          slug: `bench-association-${index}`,
          rna: `W${String(index).padStart(9, '0')}`,
        },
        status: 'published',
      });
      associations.push(created.documentId);
    }
    const started = Date.now();
    for (let index = 0; index < LINES; index += 1) {
      const commitment = index % 2 === 0;
      await app.documents('api::funding.funding').create({
        data: {
          title: `Subvention ${index} — projet « eau & écoles » n° ${index}`,
          fiscalYear: 2015 + (index % 10),
          amountCents: String(100_000 + ((index * 7919) % 9_000_000)),
          flow: commitment ? 'commitment' : 'disbursement',
          apdCategory: index % 3 === 0 ? 'development-grant' : 'decentralised-cooperation',
          grant: commitment,
          agreementDate: `${2015 + (index % 10)}-03-15`,
          nature: 'cash',
          paymentTerms: 'single',
          paymentStart: `${2015 + (index % 10)}-04-02`,
          beneficiary: associations[index % associations.length],
          partnership: partnerships[index % partnerships.length].documentId,
        },
        status: 'published',
      });
      if ((index + 1) % 1000 === 0)
        console.log(`[exports] ${index + 1} lines in ${Math.round((Date.now() - started) / 1000)} s`);
    }
    if (app.db.dialect.client === 'postgres') await app.db.connection.raw('VACUUM ANALYZE');
  } finally {
    await app.destroy();
  }
};

interface Measure {
  path: string;
  status: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  rssBefore: number;
  rssPeak: number;
}

/** Reads `path` to the end, sampling the server's memory every 20 ms. */
const measure = async (url: string, pid: number, pathname: string, token?: string): Promise<Measure> => {
  const rssBefore = rssMiB(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMiB(pid));
  }, 20);
  const started = performance.now();
  const response = await fetch(`${url}${pathname}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  let firstByteMs = 0;
  let bytes = 0;
  const reader = response.body?.getReader();
  for (;;) {
    const chunk = await reader?.read();
    if (!chunk || chunk.done) break;
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += chunk.value.byteLength;
  }
  const totalMs = performance.now() - started;
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, rssMiB(pid));
  return { path: pathname, status: response.status, firstByteMs, totalMs, bytes, rssBefore, rssPeak };
};

const main = async (): Promise<void> => {
  const name = `ri_exports_${Date.now().toString(36)}`;
  await onPgServer(`CREATE DATABASE "${name}"`);
  const env = { ...process.env, ...benchServerEnv(name) };
  try {
    if ((await runNode(['dist/database/seed.js'], env, 'inherit')) !== 0) throw new Error('seed failed');
    if ((await runNode(['-r', 'esbuild-register', __filename, 'generate'], env, 'inherit')) !== 0)
      throw new Error('generate failed');
    const server = spawnInstance(await freePort(), benchServerEnv(name, { SERVE_ADMIN: 'false' }));
    try {
      await untilAnswering(server);
      const pid = server.pid;
      if (pid === undefined) throw new Error('the server did not start');
      const admin = await adminOf(server.url);
      const created = await admin.post('/admin/api-tokens', {
        name: 'bench-exports',
        type: 'full-access',
        lifespan: null,
      });
      const token = (created.body as { data: { accessKey: string } }).data.accessKey;
      const paths: Array<[string, string | undefined]> = [
        ['/api/exports/subventions.csv', undefined],
        ['/api/exports/iati-activities.xml', undefined],
        ['/api/exports/e-apd/2020', token],
        ['/api/exports/e-apd/2020.csv', token],
      ];
      const rows: Measure[] = [];
      // Each twice: the first warms the code paths, the second is kept.
      for (const [pathname, bearer] of paths) {
        await measure(server.url, pid, pathname, bearer);
        rows.push(await measure(server.url, pid, pathname, bearer));
      }
      console.log(`\n${LINES} funding lines, PostgreSQL, production mode\n`);
      console.log('| export | status | first byte | complete | size | RSS before | RSS peak |');
      console.log('| --- | --- | --- | --- | --- | --- | --- |');
      for (const row of rows) {
        console.log(
          `| \`${row.path}\` | ${row.status} | ${row.firstByteMs.toFixed(0)} ms | ${row.totalMs.toFixed(0)} ms | ` +
            `${(row.bytes / 1024 / 1024).toFixed(2)} MiB | ${row.rssBefore} MiB | ${row.rssPeak} MiB |`,
        );
      }
    } finally {
      await server.stop();
    }
  } finally {
    await onPgServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
};

if (require.main === module) {
  (process.argv[2] === 'generate' ? generate() : main()).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
