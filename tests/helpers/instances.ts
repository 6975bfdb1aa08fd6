import request from 'supertest';
import { createAccount } from './accounts';
import { authenticated, dataOf } from './client';
import { createTestDatabase, type TestDatabase, type TestDatabaseClient } from './database';
import { freePort, startSecondInstance, type Instance } from './second-instance';
import { TEST_SECRETS } from './secrets';

/**
 * Servers of their own on a database of their own (not the shared test server's), for the tests
 * that stop, kill and restart processes: they start with no content and no administrator.
 */
export interface OwnDatabase {
  database: TestDatabase;
  /** Starts one more server process on this database with the given extra environment. */
  start(env?: Record<string, string>): Promise<Instance>;
  drop(): Promise<void>;
}

export const ownDatabase = async (
  client: TestDatabaseClient,
  env: Record<string, string> = {},
): Promise<OwnDatabase> => {
  const database = await createTestDatabase(client);
  const started: Instance[] = [];
  return {
    database,
    start: async (more = {}) => {
      const instance = await startSecondInstance(await freePort(), {
        ...database.env,
        ...TEST_SECRETS,
        SEED_ON_START: 'false',
        ...env,
        ...more,
      });
      started.push(instance);
      return instance;
    },
    drop: async () => {
      await Promise.all(started.map((instance) => instance.kill()));
      await database.drop();
    },
  };
};

const ADMIN = { email: 'ops-admin@example.org', password: 'Ops-Passw0rd!2026' };

/** An admin panel API client for `url`: creates the first administrator if there is none yet. */
export const adminOf = async (url: string) => {
  let response = await request(url)
    .post('/admin/login')
    .send({ email: ADMIN.email, password: ADMIN.password });
  if (response.status !== 200) {
    response = await request(url)
      .post('/admin/register-admin')
      .send({ ...ADMIN, firstname: 'Ops', lastname: 'Admin' });
  }
  if (response.status !== 200)
    throw new Error(`admin on ${url}: HTTP ${response.status} ${JSON.stringify(response.body)}`);
  const token = (response.body as { data: { token: string } }).data.token;
  return { token, ...authenticated(token, url) };
};
export type AdminClient = Awaited<ReturnType<typeof adminOf>>;

export { eventually } from './eventually';

const CM = '/content-manager/collection-types';

/**
 * An association (a draft) and a member account linked to it, created by staff in the admin as a
 * person would (the account gets an invitation e-mail). Throws with the answer if either is refused.
 */
export const createMember = async (
  admin: AdminClient,
  { email, password, association }: { email: string; password: string; association: string },
): Promise<{ associationId: string }> => {
  const created = await admin.post(`${CM}/api::association.association`, {
    name: association,
    slug: association
      .normalize('NFD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .toLowerCase()
      .replace(/^-|-$/g, ''),
  });
  if (created.status !== 201)
    throw new Error(`association: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const associationId = dataOf(created).documentId;
  await createAccount(admin, { email, password, associationId });
  return { associationId };
};
