import { anonymous, COLLECTIONS, countAll, SINGLES } from '../helpers/client';
import { runNode } from '../helpers/run-node';
import { superAdmin, type UsersPermissionsRole } from '../helpers/admin';

const admin = superAdmin;

describe('the Public role is set from the code at every start-up', () => {
  it('grants read access to every content type', async () => {
    for (const path of [...COLLECTIONS, ...SINGLES]) {
      expect((await anonymous().get(`/api/${path}`)).status).toBe(200);
    }
  });

  it('a permission granted by hand in the admin is removed at the next start', async () => {
    const client = await admin();
    const roles = await client.get('/users-permissions/roles');
    expect(roles.status).toBe(200);
    const publicRoleId = (roles.body as { roles: UsersPermissionsRole[] }).roles.find(
      (role) => role.type === 'public',
    )?.id;
    const role = (await client.get(`/users-permissions/roles/${publicRoleId}`)).body as {
      role: UsersPermissionsRole;
    };
    role.role.permissions['api::theme'].controllers.theme.create.enabled = true;
    const saved = await client.put(`/users-permissions/roles/${publicRoleId}`, {
      name: role.role.name,
      description: role.role.description,
      permissions: role.role.permissions,
    });
    expect(saved.status).toBe(200);

    // The click worked: the public can now create a theme.
    const before = await countAll('themes');
    const intrusion = await anonymous()
      .post('/api/themes')
      .send({ data: { name: 'Ajout public', slug: 'test-ajout-public' } });
    expect(intrusion.status).toBe(201);
    expect(await countAll('themes')).toBe(before + 1);

    // Another start-up on the same database (the seed command boots Strapi) puts the role back.
    const boot = await runNode(['dist/database/seed.js']);
    expect(boot.code).toBe(0);

    const refused = await anonymous()
      .post('/api/themes')
      .send({ data: { name: 'Encore', slug: 'test-encore' } });
    expect(refused.status).toBe(403);
    const after = (await client.get(`/users-permissions/roles/${publicRoleId}`)).body as {
      role: UsersPermissionsRole;
    };
    expect(after.role.permissions['api::theme'].controllers.theme.create.enabled).toBe(false);
    expect(after.role.permissions['api::theme'].controllers.theme.find.enabled).toBe(true);
  });
});
