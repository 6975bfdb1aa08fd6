import crypto from 'node:crypto';
import request from 'supertest';
import { superAdmin } from './admin';
import { authenticated, baseUrl, dataOf, trusted, type Api } from './client';

const ACCOUNTS = '/content-manager/collection-types/plugin::users-permissions.user';

export interface AssociationAccount {
  associationId: string;
  accountId: string;
  email: string;
  password: string;
  jwt: string;
  /** Requests with the account's token. */
  api: Api;
}

/** The id of a Users & Permissions role, by name, as the admin's relation picker lists them. */
export const accountRoleId = async (name: string, admin: Api): Promise<number> => {
  const response = await admin.get('/content-manager/relations/plugin::users-permissions.user/role');
  const role = (response.body as { results: Array<{ id: number; name: string }> }).results.find(
    (r) => r.name === name,
  );
  if (!role) throw new Error(`no account role ${name}`);
  return role.id;
};

/**
 * A member account of an association, created by staff in the admin as a person would (role
 * Association, linked to it; the person gets an invitation e-mail). Returns its documentId; throws
 * with the answer when refused. Every test that needs an account goes through here.
 */
export const createAccount = async (
  admin: Api,
  {
    email,
    password,
    associationId,
    username = email,
  }: {
    email: string;
    /** Left out, as staff may: the account gets a random one, the person chooses theirs. */
    password?: string;
    associationId: string;
    username?: string;
  },
): Promise<string> => {
  const created = await admin.post(ACCOUNTS, {
    username,
    email,
    ...(password === undefined ? {} : { password }),
    confirmed: true,
    blocked: false,
    role: await accountRoleId('Association', admin),
    association: associationId,
  });
  if (created.status !== 201)
    throw new Error(`account: HTTP ${created.status} ${JSON.stringify(created.body)}`);
  const body = created.body as { documentId?: string; data?: { documentId: string } };
  return (body.data?.documentId ?? body.documentId) as string;
};

/** Logs an account in through /api/auth/local, on the shared test server or at `url`. */
export const logInAccount = async (
  email: string,
  password: string,
  url: string = baseUrl(),
): Promise<string> => {
  const login = await request(url).post('/api/auth/local').send({ identifier: email, password });
  if (login.status !== 200) throw new Error(`login: HTTP ${login.status} ${JSON.stringify(login.body)}`);
  return (login.body as { jwt: string }).jwt;
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
  const accountId = await createAccount(await superAdmin(), {
    username: `${label}-${suffix}`,
    email,
    password,
    associationId,
  });
  const jwt = await logInAccount(email, password);
  return { associationId, accountId, email, password, jwt, api: authenticated(jwt) };
};

/** Changes an account through the admin (block it, unlink it...). */
export const updateAccount = async (accountId: string, data: object) =>
  (await superAdmin()).put(`${ACCOUNTS}/${accountId}`, data);
