import { anonymous, dataOf, documentIdOf } from '../helpers/client';
import { rolesByName, staffWithRole, superAdmin } from '../helpers/admin';
import { runNode } from '../helpers/run-node';

const PARTNERSHIPS = '/content-manager/collection-types/api::partnership.partnership';
const ACCOUNTS = '/content-manager/collection-types/plugin::users-permissions.user';
const ROLES = ['Chargé·e de mission', 'Rédacteur·rice', 'Lecture seule'];

const draftPartnership = (slug: string) => ({ title: `Admin ${slug}`, slug, partnerName: 'Partenaire' });

describe('admin roles, applied from the code at start-up', () => {
  it('the three roles exist', async () => {
    const roles = await rolesByName();
    for (const name of ROLES) expect(roles.has(name)).toBe(true);
  });

  it("Strapi's Editor and Author roles, which nobody has, are gone: the Mission's roles and Super Admin remain", async () => {
    const roles = await rolesByName();
    const codes = [...roles.values()].map((role) => role.code);
    expect(codes).not.toContain('strapi-editor');
    expect(codes).not.toContain('strapi-author');
    expect([...roles.keys()].sort()).toEqual([...ROLES, 'Super Admin'].sort());
  });

  it('a Chargé·e de mission creates, edits, publishes and deletes mission content', async () => {
    const staff = await staffWithRole('Chargé·e de mission');
    const created = await staff.post(PARTNERSHIPS, draftPartnership('test-admin-charge'));
    expect(created.status).toBe(201);
    const id = dataOf(created).documentId;
    expect((await staff.put(`${PARTNERSHIPS}/${id}`, { summary: 'Modifié' })).status).toBe(200);
    expect((await staff.post(`${PARTNERSHIPS}/${id}/actions/publish`)).status).toBe(200);
    expect(await documentIdOf('partnerships', 'test-admin-charge')).toBe(id);
    expect((await staff.delete(`${PARTNERSHIPS}/${id}`)).status).toBe(200);
  });

  it('a Chargé·e de mission manages association accounts', async () => {
    const staff = await staffWithRole('Chargé·e de mission');
    const roles = await staff.get('/content-manager/relations/plugin::users-permissions.user/role');
    expect(roles.status).toBe(200);
    const authenticated = (roles.body as { results: Array<{ id: number; name: string }> }).results.find(
      (role) => role.name === 'Authenticated',
    );
    expect(authenticated).toBeDefined();
    const created = await staff.post(ACCOUNTS, {
      role: authenticated?.id,
      username: 'association-test',
      email: 'association-test@example.org',
      password: 'Assoc-Passw0rd!',
      confirmed: true,
      blocked: false,
    });
    expect(created.status).toBe(201);
    const account = created.body as { documentId?: string; data?: { documentId: string } };
    const id = account.data?.documentId ?? account.documentId;
    expect((await staff.get(`${ACCOUNTS}/${id}`)).status).toBe(200);
    expect((await staff.delete(`${ACCOUNTS}/${id}`)).status).toBe(200);
  });

  it.each(ROLES)(
    '%s has no access to settings, roles, users of the admin or the Content-Type Builder',
    async (role) => {
      const staff = await staffWithRole(role);
      for (const path of [
        '/admin/roles',
        '/admin/users',
        '/admin/api-tokens',
        '/admin/webhooks',
        '/content-type-builder/content-types',

        '/users-permissions/roles',
      ]) {
        const response = await staff.get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 403 });
      }
    },
  );

  it('a Rédacteur·rice creates and edits drafts, and can neither publish nor delete', async () => {
    const staff = await staffWithRole('Rédacteur·rice');
    const created = await staff.post(PARTNERSHIPS, draftPartnership('test-admin-redacteur'));
    expect(created.status).toBe(201);
    const id = dataOf(created).documentId;
    expect((await staff.put(`${PARTNERSHIPS}/${id}`, { summary: 'Relu' })).status).toBe(200);
    expect((await staff.post(`${PARTNERSHIPS}/${id}/actions/publish`)).status).toBe(403);
    expect((await staff.delete(`${PARTNERSHIPS}/${id}`)).status).toBe(403);
    const published = await documentIdOf('actions', 'materiel-socio-educatif-gabon');
    expect(
      (
        await staff.post(
          `/content-manager/collection-types/api::action.action/${published}/actions/unpublish`,
        )
      ).status,
    ).toBe(403);
    expect((await staff.get(ACCOUNTS)).status).toBe(403);
  });

  it('Lecture seule reads everything and changes nothing', async () => {
    const staff = await staffWithRole('Lecture seule');
    const list = await staff.get(PARTNERSHIPS);
    expect(list.status).toBe(200);
    const [first] = (list.body as { results: Array<{ documentId: string }> }).results;
    expect((await staff.post(PARTNERSHIPS, draftPartnership('test-admin-lecture'))).status).toBe(403);
    expect((await staff.put(`${PARTNERSHIPS}/${first.documentId}`, { summary: 'x' })).status).toBe(403);
    expect((await staff.delete(`${PARTNERSHIPS}/${first.documentId}`)).status).toBe(403);
    expect(
      (await staff.get('/content-manager/collection-types/api::school-exchange.school-exchange')).status,
    ).toBe(200);
  });

  it('the outbox (« Envoi ») is read and requeued by a Chargé·e de mission, hidden from the other roles', async () => {
    const OUTBOX = '/content-manager/collection-types/api::delivery.delivery?page=1&pageSize=10';
    const charge = await staffWithRole('Chargé·e de mission');
    const listed = await charge.get(OUTBOX);
    expect(listed.status).toBe(200);
    expect((listed.body as { results: unknown[] }).results.length).toBeGreaterThan(0);
    // An e-mail's content (a link to choose a password, for an invitation) is never shown.
    expect(JSON.stringify(listed.body)).not.toMatch(/mot-de-passe\?code=/);
    for (const role of ['Rédacteur·rice', 'Lecture seule']) {
      expect({ role, status: (await (await staffWithRole(role)).get(OUTBOX)).status }).toEqual({
        role,
        status: 403,
      });
    }
    // Nor is it part of the public API.
    expect((await anonymous().get('/api/deliveries')).status).toBe(404);
  });

  it('starting again keeps one role of each name', async () => {
    const before = await rolesByName();
    const boot = await runNode(['dist/database/seed.js']);
    expect(boot.code).toBe(0);
    const after = await rolesByName();
    for (const name of ROLES) expect(after.get(name)?.id).toBe(before.get(name)?.id);
    expect(after.size).toBe(before.size);
  });
});

describe('the Content-Type Builder outside development', () => {
  it('refuses schema changes even to a super admin: schemas change through the repository only', async () => {
    const admin = await superAdmin();
    const response = await admin.post('/content-type-builder/update-schema', {
      data: {
        contentTypes: [
          {
            action: 'create',
            uid: 'api::intrus.intrus',
            displayName: 'Intrus',
            singularName: 'intrus',
            pluralName: 'intrus-list',
            kind: 'collectionType',
            attributes: [],
          },
        ],
        components: [],
      },
    });
    expect(response.status).toBe(403);
    const types = await admin.get('/content-type-builder/content-types');
    const uids = (types.body as { data: Array<{ uid: string }> }).data.map((type) => type.uid);
    expect(uids).not.toContain('api::intrus.intrus');
  });
});
