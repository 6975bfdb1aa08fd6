import { superAdmin } from '../helpers/admin';
import { associationWithAccount, updateAccount, type AssociationAccount } from '../helpers/accounts';
import { anonymous, countAll, dataOf, documentIdOf, errorOf, errorPaths, trusted } from '../helpers/client';

const ACTIONS_ADMIN = '/content-manager/collection-types/api::action.action';

interface Submission {
  type: string;
  documentId: string;
  title: string;
  reviewState: string | null;
  reviewComment: string | null;
  published: boolean;
}

const mySubmissions = async (account: AssociationAccount): Promise<Submission[]> => {
  const response = await account.api.get('/api/me/submissions');
  expect(response.status).toBe(200);
  return (response.body as { data: Submission[] }).data;
};

describe('association portal: submissions of actions', () => {
  let a: AssociationAccount;
  let b: AssociationAccount;
  let gabon: string;
  let education: string;

  beforeAll(async () => {
    a = await associationWithAccount('alpha');
    b = await associationWithAccount('beta');
    gabon = await documentIdOf('countries', 'gabon');
    education = await documentIdOf('themes', 'education');
  });

  afterAll(async () => {
    // Other test files count the published content: remove what this one created.
    const left = await trusted.get(
      '/api/actions?status=draft&filters[slug][$startsWith]=test-portail&pagination[pageSize]=100',
    );
    for (const entry of dataOf<Array<{ documentId: string }>>(left)) {
      await trusted.delete(`/api/actions/${entry.documentId}`);
    }
  });

  const submit = (account: AssociationAccount, slug: string, extra: object = {}) =>
    account.api.post('/api/actions', {
      data: {
        title: `Action ${slug}`,
        slug,
        actionType: 'event',
        country: gabon,
        themes: [education],
        ...extra,
      },
    });

  it('A submits an action: a draft owned by A, submitted for review, invisible to the public', async () => {
    const response = await submit(a, 'test-portail-a1', { associations: [a.associationId] });
    expect(response.status).toBe(201);
    const created = dataOf(response);
    expect(created).toMatchObject({ title: 'Action test-portail-a1', reviewState: 'submitted' });
    expect(created).not.toHaveProperty('publishedAt');
    expect((await anonymous().get(`/api/actions/${created.documentId}`)).status).toBe(404);
    expect((await anonymous().get('/api/actions?filters[slug][$eq]=test-portail-a1')).body).toMatchObject({
      data: [],
    });

    const mine = await mySubmissions(a);
    expect(mine.find((entry) => entry.documentId === created.documentId)).toMatchObject({
      type: 'action',
      reviewState: 'submitted',
      published: false,
    });
    expect((await mySubmissions(b)).map((entry) => entry.documentId)).not.toContain(created.documentId);
  });

  it('whatever the request says, a submission is a draft', async () => {
    const viaQuery = await a.api.post('/api/actions?status=published', {
      data: { title: 'Publiée ?', slug: 'test-portail-query', actionType: 'event' },
    });
    expect(viaQuery.status).toBe(201);
    expect((await anonymous().get(`/api/actions/${dataOf(viaQuery).documentId}`)).status).toBe(404);
    const viaBody = await a.api.post('/api/actions', {
      data: {
        title: 'Publiée ?',
        slug: 'test-portail-body',
        actionType: 'event',
        publishedAt: '2026-01-01T00:00:00Z',
      },
    });
    expect(viaBody.status).toBe(400);
    expect(errorPaths(viaBody)).toEqual(['publishedAt']);
  });

  it('B can neither read, change nor delete A’s draft: 404, as if it did not exist', async () => {
    const created = dataOf(await submit(a, 'test-portail-a2'));
    expect((await b.api.get(`/api/actions/${created.documentId}`)).status).toBe(404);
    expect((await b.api.get(`/api/actions/${created.documentId}?status=draft`)).status).toBe(404);
    expect(
      (await b.api.get('/api/actions?status=draft&filters[slug][$eq]=test-portail-a2')).body,
    ).toMatchObject({
      data: [],
    });
    const put = await b.api.put(`/api/actions/${created.documentId}`, { data: { title: 'Piratée' } });
    expect(put.status).toBe(404);
    expect((await b.api.delete(`/api/actions/${created.documentId}`)).status).toBe(404);
    const still = (await mySubmissions(a)).find((entry) => entry.documentId === created.documentId);
    expect(still?.title).toBe('Action test-portail-a2');
  });

  it.each([
    [{ ownerAssociation: 'x' }, ['ownerAssociation']],
    [{ reviewState: 'approved', reviewComment: 'ok' }, ['reviewState', 'reviewComment']],
    [{ id: 5, documentId: 'abc' }, ['id', 'documentId']],
    [{ partnership: 'abc' }, ['partnership']],
    [{ locale: 'en', status: 'published' }, ['locale', 'status']],
  ])('sending %j is a 400 listing %j, and writes nothing', async (extra, fields) => {
    const before = await countAll('actions');
    const response = await submit(a, 'test-portail-interdit', extra);
    expect(response.status).toBe(400);
    expect(errorPaths(response).sort()).toEqual([...fields].sort());
    expect(await countAll('actions')).toBe(before);
  });

  it.each([
    ['another association', () => ({ associations: [b.associationId] }), 'associations'],
    ['an unknown country', () => ({ country: 'no-such-country' }), 'country'],
    ['a theme id of the wrong shape', () => ({ themes: [42] }), 'themes'],
  ])('a relation to %s is a 400 naming the field, and writes nothing', async (_label, extra, field) => {
    const before = await countAll('actions');
    const response = await submit(a, 'test-portail-relation', extra());
    expect(response.status).toBe(400);
    expect(errorPaths(response)).toContain(field);
    expect(await countAll('actions')).toBe(before);
  });

  it('bad values are 400s naming the field', async () => {
    const response = await submit(a, 'test-portail-dates', { startDate: '2012', endDate: '2011' });
    expect(response.status).toBe(400);
    expect(errorPaths(response)).toEqual(['endDate']);
    const long = await submit(a, 'test-portail-long', { title: 'x'.repeat(500) });
    expect(long.status).toBe(400);
    expect(errorPaths(long)).toContain('title');
    expect((await a.api.post('/api/actions', { data: 'nope' })).status).toBe(400);
  });

  it('staff publish → public sees it; A edits it → the public keeps the published version until staff publish again', async () => {
    const created = dataOf(await submit(a, 'test-portail-cycle'));
    const admin = await superAdmin();
    expect(
      (await admin.put(`${ACTIONS_ADMIN}/${created.documentId}`, { reviewState: 'approved' })).status,
    ).toBe(200);
    expect((await admin.post(`${ACTIONS_ADMIN}/${created.documentId}/actions/publish`)).status).toBe(200);
    const published = await anonymous().get(`/api/actions/${created.documentId}`);
    expect(dataOf(published).title).toBe('Action test-portail-cycle');
    expect((await mySubmissions(a)).find((entry) => entry.documentId === created.documentId)).toMatchObject({
      reviewState: 'approved',
      published: true,
    });

    const edited = await a.api.put(`/api/actions/${created.documentId}`, {
      data: { title: 'Titre modifié' },
    });
    expect(edited.status).toBe(200);
    expect(dataOf(edited)).toMatchObject({ title: 'Titre modifié', reviewState: 'submitted' });
    expect(dataOf(await anonymous().get(`/api/actions/${created.documentId}`)).title).toBe(
      'Action test-portail-cycle',
    );

    expect((await a.api.delete(`/api/actions/${created.documentId}`)).status).toBe(403);
    expect((await anonymous().get(`/api/actions/${created.documentId}`)).status).toBe(200);
  });

  it('A deletes its own unpublished draft', async () => {
    const created = dataOf(await submit(a, 'test-portail-suppr'));
    expect((await a.api.delete(`/api/actions/${created.documentId}`)).status).toBe(204);
    expect((await mySubmissions(a)).map((entry) => entry.documentId)).not.toContain(created.documentId);
  });

  it('an account cannot publish through the admin API or touch Users & Permissions', async () => {
    const created = dataOf(await submit(a, 'test-portail-admin'));
    const publish = await a.api.post(`${ACTIONS_ADMIN}/${created.documentId}/actions/publish`);
    expect([401, 403]).toContain(publish.status);
    for (const path of ['/api/users', '/api/users-permissions/roles', '/api/upload/files']) {
      expect([401, 403]).toContain((await a.api.get(path)).status);
    }
    expect((await a.api.put(`/api/users/${a.accountId}`, { data: { role: 1 } })).status).toBe(403);
    const me = await a.api.get('/api/users/me');
    expect(me.status).toBe(200);
    expect(me.body).not.toHaveProperty('password');
  });
});

describe('association portal: proposing delegations and school exchanges', () => {
  let a: AssociationAccount;
  let b: AssociationAccount;

  beforeAll(async () => {
    a = await associationWithAccount('epsilon');
    b = await associationWithAccount('zeta');
  });

  afterAll(async () => {
    for (const plural of ['delegations', 'school-exchanges']) {
      const left = await trusted.get(
        `/api/${plural}?status=draft&filters[slug][$startsWith]=test-proposition`,
      );
      for (const entry of dataOf<Array<{ documentId: string }>>(left)) {
        await trusted.delete(`/api/${plural}/${entry.documentId}`);
      }
    }
  });

  it.each([
    [
      'delegations',
      'delegation',
      { title: 'Délégation proposée', slug: 'test-proposition-delegation', direction: 'incoming' },
    ],
    [
      'school-exchanges',
      'school-exchange',
      {
        title: 'Échange proposé',
        slug: 'test-proposition-echange',
        exchangeType: 'correspondence',
        pupilCount: 20,
      },
    ],
  ])(
    'A proposes %s: a draft of its own, listed with its type, hidden from the public and from B',
    async (plural, type, data) => {
      const response = await a.api.post(`/api/${plural}`, {
        data: { ...data, country: await documentIdOf('countries', 'gabon') },
      });
      expect(response.status).toBe(201);
      const id = dataOf(response).documentId;
      expect((await anonymous().get(`/api/${plural}/${id}`)).status).toBe(404);
      expect((await mySubmissions(a)).find((entry) => entry.documentId === id)).toMatchObject({
        type,
        reviewState: 'submitted',
      });
      expect((await b.api.put(`/api/${plural}/${id}`, { data: { title: 'x' } })).status).toBe(404);
      const linked = await a.api.post(`/api/${plural}`, {
        data: { ...data, slug: `${data.slug}-2`, partnership: 'x' },
      });
      expect(linked.status).toBe(400);
      expect(errorPaths(linked)).toEqual(['partnership']);
    },
  );

  it('an account cannot write the types associations do not submit', async () => {
    for (const plural of ['partnerships', 'countries', 'themes', 'schools', 'associations']) {
      const response = await a.api.post(`/api/${plural}`, {
        data: { title: 'x', name: 'x', slug: 'test-interdit' },
      });
      expect({ plural, status: response.status }).toEqual({ plural, status: 403 });
    }
  });
});

describe('association portal: the association profile', () => {
  it('GET /api/me/association shows the profile with its private contact; PUT saves a draft for review', async () => {
    const account = await associationWithAccount('profil');
    const profile = await account.api.get('/api/me/association');
    expect(profile.status).toBe(200);
    expect(dataOf(profile)).toMatchObject({ name: 'Association profil', email: 'profil@example.org' });

    const updated = await account.api.put('/api/me/association', {
      data: { summary: 'Nouveau résumé', phone: '+33 1 02 03 04 05' },
    });
    expect(updated.status).toBe(200);
    expect(dataOf(updated)).toMatchObject({ summary: 'Nouveau résumé', reviewState: 'submitted' });
    const publicProfile = await anonymous().get(`/api/associations/${account.associationId}`);
    expect(dataOf(publicProfile).summary).toBeNull();
    expect(JSON.stringify(publicProfile.body)).not.toContain('+33 1 02 03 04 05');

    const refused = await account.api.put('/api/me/association', {
      data: { slug: 'autre', reviewState: 'approved' },
    });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused).sort()).toEqual(['reviewState', 'slug']);

    // Its registry numbers: checked like everywhere (the SIRET's check digit), then sent for review.
    const wrongDigit = await account.api.put('/api/me/association', { data: { siret: '52499120500014' } });
    expect(wrongDigit.status).toBe(400);
    expect(errorPaths(wrongDigit)).toEqual(['siret']);
    const numbers = await account.api.put('/api/me/association', {
      data: { siret: '52499120500013', rna: 'W333216789' },
    });
    expect(numbers.status).toBe(200);
    expect(dataOf(numbers)).toMatchObject({ siret: '52499120500013', rna: 'W333216789' });
    expect(dataOf(await anonymous().get(`/api/associations/${account.associationId}`)).siret).toBeNull();
  });
});

describe('association portal: accounts', () => {
  it('a blocked account, or one whose association link is removed, loses access at once', async () => {
    const account = await associationWithAccount('gamma');
    expect((await account.api.get('/api/me/submissions')).status).toBe(200);

    expect((await updateAccount(account.accountId, { association: null })).status).toBe(200);
    const unlinked = await account.api.get('/api/me/submissions');
    expect(unlinked.status).toBe(403);
    expect(errorOf(unlinked).message).toMatch(/not linked to an association/);
    expect(
      (await account.api.post('/api/actions', { data: { title: 'x', slug: 'test-x', actionType: 'event' } }))
        .status,
    ).toBe(403);

    expect(
      (await updateAccount(account.accountId, { association: account.associationId, blocked: true })).status,
    ).toBe(200);
    expect([401, 403]).toContain((await account.api.get('/api/me/submissions')).status);
  });

  it('the public cannot use the portal', async () => {
    expect([401, 403]).toContain((await anonymous().get('/api/me/submissions')).status);
    expect([401, 403]).toContain((await anonymous().get('/api/me/association')).status);
  });
});

describe('association portal: one of its own submissions, to edit it', () => {
  it('GET /api/me/submissions/:type/:documentId gives the draft with what the association may send, and nothing of another', async () => {
    const own = await associationWithAccount('lecture');
    const other = await associationWithAccount('lecture-autre');
    const gabon = await documentIdOf('countries', 'gabon');
    const created = await own.api.post('/api/actions', {
      data: {
        title: 'Action à relire',
        slug: `test-portail-lecture-${Date.now().toString(36)}`,
        actionType: 'material-donation',
        startDate: '2011-05',
        country: gabon,
        quantity: { amount: 1, unit: 'tonne' },
      },
    });
    expect(created.status).toBe(201);
    const id = dataOf(created).documentId;
    try {
      const read = await own.api.get(`/api/me/submissions/action/${id}`);
      expect(read.status).toBe(200);
      const data = dataOf(read);
      expect(data).toMatchObject({
        type: 'action',
        documentId: id,
        title: 'Action à relire',
        startDate: '2011-05',
        reviewState: 'submitted',
        published: false,
        country: { documentId: gabon },
      });
      expect(data.quantity).toMatchObject({ unit: 'tonne' });
      expect(data).not.toHaveProperty('ownerAssociation');

      // Another association, the public, a wrong type: nothing.
      expect((await other.api.get(`/api/me/submissions/action/${id}`)).status).toBe(404);
      expect([401, 403]).toContain((await anonymous().get(`/api/me/submissions/action/${id}`)).status);
      expect((await own.api.get(`/api/me/submissions/delegation/${id}`)).status).toBe(404);
      expect((await own.api.get(`/api/me/submissions/partnership/${id}`)).status).toBe(404);
    } finally {
      await trusted.delete(`/api/actions/${id}`);
    }
  });
});
