import crypto from 'node:crypto';
import request from 'supertest';
import { superAdmin } from './admin';
import { baseUrl, dataOf, trusted } from './client';

const ACCOUNTS = '/content-manager/collection-types/plugin::users-permissions.user';

export interface AssociationAccount {
  associationId: string;
  accountId: string;
  email: string;
  password: string;
  jwt: string;
  /** Requests with the account's token. */
  api: {
    get(path: string): request.Test;
    post(path: string, body?: object): request.Test;
    put(path: string, body?: object): request.Test;
    delete(path: string): request.Test;
  };
}

/** The id of a Users & Permissions role, by name, as the admin's relation picker lists them. */
export const accountRoleId = async (name: string): Promise<number> => {
  const admin = await superAdmin();
  const response = await admin.get('/content-manager/relations/plugin::users-permissions.user/role');
  const role = (response.body as { results: Array<{ id: number; name: string }> }).results.find(
    (r) => r.name === name,
  );
  if (!role) throw new Error(`no account role ${name}`);
  return role.id;
};

/**
 * An association (published, created by staff) with one member account created by staff in the
 * admin and linked to it, logged in through /api/auth/local.
 */
export const associationWithAccount = async (label: string): Promise<AssociationAccount> => {
  const suffix = crypto.randomBytes(3).toString('hex');
  const association = await trusted.post('/api/associations', {
    data: { name: `Association ${label}`, slug: `test-${label}-${suffix}`, email: `${label}@example.org` },
  });
  if (association.status !== 201) throw new Error(`association: HTTP ${association.status}`);
  const associationId = dataOf(association).documentId;

  const email = `${label}-${suffix}@example.org`;
  const password = 'Assoc-Passw0rd!';
  const admin = await superAdmin();
  const created = await admin.post(ACCOUNTS, {
    username: `${label}-${suffix}`,
    email,
    password,
    confirmed: true,
    blocked: false,
    role: await accountRoleId('Association'),
    association: associationId,
  });
  if (created.status !== 201)
    throw new Error(`account: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const body = created.body as { documentId?: string; data?: { documentId: string } };
  const accountId = (body.data?.documentId ?? body.documentId) as string;

  const login = await request(baseUrl()).post('/api/auth/local').send({ identifier: email, password });
  if (login.status !== 200) throw new Error(`login: HTTP ${login.status} ${JSON.stringify(login.body)}`);
  const jwt = (login.body as { jwt: string }).jwt;
  const auth = (test: request.Test) => test.set('Authorization', `Bearer ${jwt}`);
  return {
    associationId,
    accountId,
    email,
    password,
    jwt,
    api: {
      get: (path) => auth(request(baseUrl()).get(path)),
      post: (path, body = {}) => auth(request(baseUrl()).post(path)).send(body),
      put: (path, body = {}) => auth(request(baseUrl()).put(path)).send(body),
      delete: (path) => auth(request(baseUrl()).delete(path)),
    },
  };
};

/** Changes an account through the admin (block it, unlink it...). */
export const updateAccount = async (accountId: string, data: object) =>
  (await superAdmin()).put(`${ACCOUNTS}/${accountId}`, data);
