import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createClient } from 'redis';
import request from 'supertest';
import { TEST_SECRETS } from '../helpers/secrets';
import { freePort, startSecondInstance, type Instance } from '../helpers/second-instance';
import { logInAccount } from '../helpers/accounts';
import { adminOf, createMember } from '../helpers/instances';

/**
 * Two server instances on one new database, with small limits: what one counts, the other sees.
 */
describe.each([
  ['in the database', {}],
  [
    'in Redis (REDIS_URL)',
    {
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `ri-test-${crypto.randomBytes(4).toString('hex')}:`,
    },
  ],
])('rate limits counted %s hold across instances', (_label, store) => {
  const file = path.join('.tmp', `limits-${crypto.randomBytes(3).toString('hex')}.db`);
  const env = {
    ...store,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: file,
    RATE_LIMIT_AUTH_MAX: '3',
    RATE_LIMIT_SUBMISSIONS_MAX: '2',
    // Two processes on one SQLite file (not a production topology: several instances share
    // PostgreSQL) must not write in the background: the outbox workers' writes beside a request's
    // transaction made SQLite answer "busy" (a 503) in CI.
    OUTBOX_WORKER: 'false',
    // Instances of one deployment share their secrets (a token signed by one is valid on the other).
    ...TEST_SECRETS,
  };
  let one: Instance;
  let two: Instance;
  let jwt: string;

  beforeAll(async () => {
    one = await startSecondInstance(await freePort(), env);
    two = await startSecondInstance(await freePort(), env);

    // An association and its account, created by staff on instance one.
    await createMember(await adminOf(one.url), {
      email: 'limitee@example.org',
      password: 'Assoc-Passw0rd!',
      association: 'Association limitée',
    });
    // Log-in 1 of 3 for this address.
    jwt = await logInAccount('limitee@example.org', 'Assoc-Passw0rd!', two.url);
  });

  afterAll(async () => {
    await one?.stop();
    await two?.stop();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
  });

  it('submissions per account: the third within the hour is a 429 with Retry-After, and writes nothing', async () => {
    const submit = (instance: Instance, slug: string) =>
      request(instance.url)
        .post('/api/actions')
        .set('Authorization', `Bearer ${jwt}`)
        .send({ data: { title: `Limite ${slug}`, slug, actionType: 'event' } });
    expect((await submit(one, 'limite-1')).status).toBe(201);
    expect((await submit(two, 'limite-2')).status).toBe(201);
    const refused = await submit(one, 'limite-3');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const mine = await request(two.url).get('/api/me/submissions').set('Authorization', `Bearer ${jwt}`);
    expect((mine.body as { data: unknown[] }).data).toHaveLength(2);
  });

  it('log-in per address, whatever e-mail or forged X-Forwarded-For is tried: past the limit, a 429 with Retry-After', async () => {
    let forged = 0;
    const attempt = (instance: Instance, identifier: string) =>
      request(instance.url)
        .post('/api/auth/local')
        // Not behind a proxy (IS_PROXIED unset): the header is the client's word, and is ignored.
        .set('X-Forwarded-For', `192.0.2.${(forged += 1)}`)
        .send({ identifier, password: 'wrong-password' });
    expect((await attempt(one, 'someone@example.org')).status).toBe(400);
    expect((await attempt(two, 'someone-else@example.org')).status).toBe(400);
    const refused = await attempt(one, 'a-third-one@example.org');
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const forgot = await request(two.url).post('/api/auth/forgot-password').send({ email: 'x@example.org' });
    expect(forgot.status).toBe(429);
  });

  it('keeps its counters where it is configured to', async () => {
    const { REDIS_URL: url, REDIS_PREFIX: prefix } = store as { REDIS_URL?: string; REDIS_PREFIX?: string };
    if (url) {
      const client = createClient({ url });
      // Without a listener, a socket error of this client ("read ECONNRESET" when Redis closes the
      // connection at QUIT while the machine is busy) is thrown out of any test, and Jest reports
      // "Test suite failed to run": the flake this file had.
      const socketErrors: Error[] = [];
      client.on('error', (error: Error) => socketErrors.push(error));
      await client.connect();
      const keys = await client.keys(`${prefix}*`);
      await client.del(keys);
      await client.quit();
      expect(keys).toEqual(
        expect.arrayContaining([
          `${prefix}auth:ip:127.0.0.1`,
          `${prefix}auth:id:limitee@example.org`,
          expect.stringMatching(new RegExp(`^${prefix}submit:`)),
        ]),
      );
    } else {
      const database = new Database(file, { readonly: true });
      const rows = database.prepare('SELECT key FROM ri_rate_limits').all() as Array<{ key: string }>;
      database.close();
      expect(rows.map((row) => row.key)).toEqual(
        expect.arrayContaining(['auth:ip:127.0.0.1', 'auth:id:limitee@example.org']),
      );
    }
  });
});
