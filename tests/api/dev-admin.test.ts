import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { freePort, startSecondInstance, type Instance } from '../helpers/second-instance';
import { TEST_SECRETS as SECRETS } from '../helpers/secrets';

/** A server of its own, on a new SQLite file, in the given environment. */
const serverIn = async (nodeEnv: string): Promise<{ instance: Instance; file: string }> => {
  const file = path.join('.tmp', `admin-${nodeEnv}-${crypto.randomBytes(3).toString('hex')}.db`);
  const instance = await startSecondInstance(await freePort(), {
    ...SECRETS,
    NODE_ENV: nodeEnv,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: file,
    SEED_ON_START: 'false',
    ADMIN_EMAIL: 'demo@example.org',
    ADMIN_PASSWORD: 'Demo-Passw0rd!',
  });
  return { instance, file };
};

const cleanUp = async ({ instance, file }: { instance: Instance; file: string }) => {
  await instance.stop();
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true });
};

describe('the first administrator from ADMIN_EMAIL / ADMIN_PASSWORD', () => {
  it('is created in development, in French, ready to log in', async () => {
    const server = await serverIn('development');
    try {
      const login = await request(server.instance.url)
        .post('/admin/login')
        .send({ email: 'demo@example.org', password: 'Demo-Passw0rd!' });
      expect(login.status).toBe(200);
      const me = await request(server.instance.url)
        .get('/admin/users/me')
        .set('Authorization', `Bearer ${(login.body as { data: { token: string } }).data.token}`);
      expect((me.body as { data: { preferedLanguage: string } }).data.preferedLanguage).toBe('fr');
    } finally {
      await cleanUp(server);
    }
  });

  it('is never created in production', async () => {
    const server = await serverIn('production');
    try {
      const init = await request(server.instance.url).get('/admin/init');
      expect((init.body as { data: { hasAdmin: boolean } }).data.hasAdmin).toBe(false);
      const login = await request(server.instance.url)
        .post('/admin/login')
        .send({ email: 'demo@example.org', password: 'Demo-Passw0rd!' });
      expect(login.status).toBe(400);
    } finally {
      await cleanUp(server);
    }
  });
});
