import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { createTestDatabase, sqlOn, type TestDatabase, type TestDatabaseClient } from '../helpers/database';
import { png } from '../helpers/images';
import { adminOf, createMember, eventually, ownDatabase, type OwnDatabase } from '../helpers/instances';
import { runNode } from '../helpers/run-node';
import { freePort, startSecondInstance } from '../helpers/second-instance';
import { TEST_SECRETS } from '../helpers/secrets';

/**
 * `npm run backup` while the server runs, `npm run restore` into an empty database and uploads
 * folder: every table (documents in each locale, drafts, relations, files, accounts and their
 * association links, admin users and roles, API tokens), every uploaded file and every log-in
 * is the same afterwards.
 */
const CLIENT: TestDatabaseClient = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
const BACKUP = path.join('dist', 'database', 'backup.js');
const RESTORE = path.join('dist', 'database', 'restore.js');

type Rows = Record<string, string[]>;

/** Every row of every table, as sorted JSON lines (the order rows are stored in does not matter). */
const everything = async (database: TestDatabase): Promise<Rows> => {
  const tables: Rows = {};
  const sql = await sqlOn(database, { readonly: true });
  try {
    const names = await sql.rows<{ name: string }>(
      database.client === 'sqlite'
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    for (const { name } of names) {
      tables[name] = (await sql.rows(`SELECT * FROM "${name}"`)).map((row) => JSON.stringify(row)).sort();
    }
  } finally {
    await sql.close();
  }
  return tables;
};

const checksums = (root: string): Record<string, string> => {
  const sums: Record<string, string> = {};
  if (!fs.existsSync(root)) return sums;
  for (const name of fs.readdirSync(root).sort()) {
    if (name === '.gitkeep') continue;
    sums[name] = crypto
      .createHash('sha256')
      .update(fs.readFileSync(path.join(root, name)))
      .digest('hex');
  }
  return sums;
};

describe('npm run backup and npm run restore', () => {
  let own: OwnDatabase | undefined;
  let restored: TestDatabase | undefined;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ri-backup-'));
  const publicA = path.join(scratch, 'public-a');
  const publicB = path.join(scratch, 'public-b');
  fs.mkdirSync(path.join(publicA, 'uploads'), { recursive: true });
  afterAll(async () => {
    await own?.drop();
    await restored?.drop();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('restores into an empty database a copy equal to the original, and refuses a non-empty one', async () => {
    // The original: the seed (both locales, drafts and published entries, relations), plus media,
    // an association account, a staff member with a role and an API token.
    own = await ownDatabase(CLIENT, { PUBLIC_DIR: publicA, WEBSITE_WEBHOOK_URL: '', SMTP_HOST: '' });
    const original = await own.start({ SEED_ON_START: 'true' });
    const admin = await adminOf(original.url);

    const upload = await request(original.url)
      .post('/upload')
      .set('Authorization', `Bearer ${admin.token}`)
      .attach('files', png(), 'drapeau.png');
    expect(upload.status).toBe(201);
    const file = (upload.body as Array<{ id: number; url: string }>)[0];

    const partnerships = await admin.get(
      '/content-manager/collection-types/api::partnership.partnership?page=1&pageSize=1&locale=fr',
    );
    const partnership = (partnerships.body as { results: Array<{ documentId: string }> }).results[0];
    expect(
      (
        await admin.put(
          `/content-manager/collection-types/api::partnership.partnership/${partnership.documentId}?locale=fr`,
          { image: file.id },
        )
      ).status,
    ).toBe(200);

    const member = { email: 'membre-sauvegarde@example.org', password: 'Membre-Passw0rd!' };
    await createMember(admin, { ...member, association: 'Association sauvegardée' });

    const staffRoles = (await admin.get('/admin/roles')).body as {
      data: Array<{ id: number; name: string }>;
    };
    const editor = staffRoles.data.find((candidate) => candidate.name === 'Rédacteur·rice');
    expect(
      (
        await admin.post('/admin/users', {
          firstname: 'Rédactrice',
          lastname: 'Sauvegardée',
          email: 'redactrice-sauvegarde@example.org',
          roles: [editor?.id],
        })
      ).status,
    ).toBe(201);
    const token = await admin.post('/admin/api-tokens', {
      name: 'site de la ville (sauvegarde)',
      type: 'read-only',
      lifespan: null,
    });
    expect(token.status).toBe(201);
    const accessKey = (token.body as { data: { accessKey: string } }).data.accessKey;

    // The invitation e-mail leaves the outbox first (so that nothing changes after the backup).
    await eventually(async () => {
      const rows = (await admin.get('/content-manager/collection-types/api::delivery.delivery?pageSize=100'))
        .body as { results: Array<{ deliveryState: string }> };
      return rows.results.every((row) => row.deliveryState === 'delivered') ? true : undefined;
    });

    // The backup, while the server runs.
    const backupDir = path.join(scratch, 'backup');
    const env = { ...own.database.env, ...TEST_SECRETS, DATABASE_URL: '', PUBLIC_DIR: publicA };
    const made = await runNode([BACKUP, backupDir], env);
    expect(made.stderr).toBe('');
    expect(made.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(backupDir, 'manifest.json'), 'utf8'))).toMatchObject({
      format: 1,
      database: { client: CLIENT },
    });
    await original.stop();

    // The restore, into a new empty database and uploads folder.
    restored = await createTestDatabase(CLIENT);
    const restoreEnv = { ...restored.env, ...TEST_SECRETS, DATABASE_URL: '', PUBLIC_DIR: publicB };
    const done = await runNode([RESTORE, backupDir], restoreEnv);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);

    // Every table and every file equal to the original's.
    const [before, after] = [await everything(own.database), await everything(restored)];
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before))
      expect({ table, rows: after[table] }).toEqual({ table, rows: before[table] });
    expect(before.up_users.length).toBeGreaterThan(0);
    expect(before.strapi_api_tokens.length).toBeGreaterThan(0);
    const sums = checksums(path.join(publicA, 'uploads'));
    expect(Object.keys(sums).length).toBeGreaterThan(0);
    expect(checksums(path.join(publicB, 'uploads'))).toEqual(sums);

    // A second restore onto the now full target is refused, and changes nothing.
    const refused = await runNode([RESTORE, backupDir], restoreEnv);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/the target is not empty .*--force/);

    // The restored installation works: log-ins, token, files, new writes.
    const copy = await startSecondInstance(await freePort(), { ...restoreEnv, SEED_ON_START: 'false' });
    try {
      const restoredAdmin = await adminOf(copy.url);
      const login = await request(copy.url)
        .post('/api/auth/local')
        .send({ identifier: member.email, password: member.password });
      expect(login.status).toBe(200);
      const withToken = await request(copy.url)
        .get('/api/partnerships?populate=image')
        .set('Authorization', `Bearer ${accessKey}`);
      expect(withToken.status).toBe(200);
      const served = await request(copy.url).get(file.url);
      expect(served.status).toBe(200);
      expect(
        crypto
          .createHash('sha256')
          .update(served.body as Buffer)
          .digest('hex'),
      ).toBe(sums[path.basename(file.url)]);
      const created = await restoredAdmin.post('/content-manager/collection-types/api::theme.theme', {
        name: 'Après restauration',
        slug: 'apres-restauration',
      });
      expect(created.status).toBe(201);
    } finally {
      await copy.kill();
    }
  });
});
