import crypto from 'node:crypto';
import request from 'supertest';
import { adminToken, authenticated, baseUrl } from './client';

export interface AdminRole {
  id: number;
  name: string;
  code: string;
}

/** A Users & Permissions role as the admin's API gives it (`/users-permissions/roles/:id`). */
export interface UsersPermissionsRole {
  id: number;
  type: string;
  name: string;
  description: string;
  permissions: Record<string, { controllers: Record<string, Record<string, { enabled: boolean }>> }>;
}

/** Calls the admin panel's API with a token. */
export const adminApi = (token: string) => authenticated(token);

export const superAdmin = async () => adminApi(await adminToken());

export const rolesByName = async (): Promise<Map<string, AdminRole>> => {
  const response = await (await superAdmin()).get('/admin/roles');
  if (response.status !== 200) throw new Error(`GET /admin/roles: HTTP ${response.status}`);
  return new Map((response.body as { data: AdminRole[] }).data.map((role) => [role.name, role]));
};

/**
 * A staff member with one role, invited by the super admin and registered with the invitation
 * token, as a person would; returns a client logged in as them.
 */
export const staffWithRole = async (roleName: string) => (await staffMember(roleName)).api;

/** Like staffWithRole, also giving the credentials (to log in through the browser). */
export const staffMember = async (roleName: string) => {
  const role = (await rolesByName()).get(roleName);
  if (!role) throw new Error(`no admin role "${roleName}"`);
  const email = `staff-${crypto.randomBytes(4).toString('hex')}@example.org`;
  const invited = await (
    await superAdmin()
  ).post('/admin/users', {
    firstname: 'Test',
    lastname: roleName,
    email,
    roles: [role.id],
  });
  if (invited.status !== 201)
    throw new Error(`invitation: HTTP ${invited.status} ${JSON.stringify(invited.body)}`);
  const registrationToken = (invited.body as { data: { registrationToken: string } }).data.registrationToken;
  const password = 'Staff-Passw0rd!';
  const registered = await request(baseUrl())
    .post('/admin/register')
    .send({ registrationToken, userInfo: { firstname: 'Test', lastname: roleName, password } });
  if (registered.status !== 200) throw new Error(`registration: HTTP ${registered.status}`);
  return { email, password, api: adminApi((registered.body as { data: { token: string } }).data.token) };
};
