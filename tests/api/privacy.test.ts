import request from 'supertest';
import {
  adminToken,
  anonymous,
  baseUrl,
  countAll,
  dataOf,
  errorOf,
  trusted,
  type Entry,
  documentIdOf,
} from '../helpers/client';

const PRIVATE_VALUES = [
  'secret-contact@example.org',
  '+33 1 23 45 67 89',
  'Commentaire interne du personnel',
];

/** Fails if any private value appears anywhere in a response body. */
const expectNoPrivateValue = (body: unknown): void => {
  const text = JSON.stringify(body);
  for (const value of PRIVATE_VALUES) expect(text).not.toContain(value);
  for (const key of [
    '"email"',
    '"phone"',
    '"reviewState"',
    '"reviewComment"',
    '"ownerAssociation"',
    '"createdBy"',
    '"updatedBy"',
  ]) {
    expect(text).not.toContain(key);
  }
};

describe('drafts and private fields never leave the server without credentials', () => {
  let association: Entry;
  let draftPartnership: Entry;
  let draftAction: Entry;
  let gabonId: string;

  beforeAll(async () => {
    gabonId = await documentIdOf('countries', 'gabon');
    const created = await trusted.post('/api/associations', {
      data: {
        name: 'Test association privée',
        slug: 'test-association-privee',
        email: PRIVATE_VALUES[0],
        phone: PRIVATE_VALUES[1],
        reviewState: 'approved',
        reviewComment: PRIVATE_VALUES[2],
        countries: [gabonId],
      },
    });
    expect(created.status).toBe(201);
    association = dataOf(created);

    const draft = await trusted.post('/api/partnerships?status=draft', {
      data: {
        title: 'Partenariat brouillon',
        slug: 'test-partenariat-brouillon',
        partnerName: 'Secret',
        country: gabonId,
      },
    });
    expect(draft.status).toBe(201);
    draftPartnership = dataOf(draft);
    expect(draftPartnership.publishedAt).toBeNull();

    const action = await trusted.post('/api/actions?status=draft', {
      data: {
        title: 'Action soumise',
        slug: 'test-action-soumise',
        actionType: 'event',
        ownerAssociation: association.documentId,
        reviewState: 'submitted',
        reviewComment: PRIVATE_VALUES[2],
      },
    });
    expect(action.status).toBe(201);
    draftAction = dataOf(action);
  });

  afterAll(async () => {
    await trusted.delete(`/api/actions/${draftAction.documentId}`);
    await trusted.delete(`/api/partnerships/${draftPartnership.documentId}`);
    await trusted.delete(`/api/associations/${association.documentId}`);
  });

  it('staff really stored the private values (so the checks below can fail)', async () => {
    const token = await adminToken();
    const response = await request(baseUrl())
      .get(`/content-manager/collection-types/api::association.association/${association.documentId}`)
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    expect(dataOf(response)).toMatchObject({ email: PRIVATE_VALUES[0], phone: PRIVATE_VALUES[1] });
    const drafts = await trusted.get(
      '/api/partnerships?status=draft&filters[slug][$eq]=test-partenariat-brouillon',
    );
    expect(dataOf<Entry[]>(drafts)).toHaveLength(1);
  });

  it.each([
    '/api/associations',
    '/api/associations?populate=*',
    '/api/associations/:association?populate=*',
    '/api/countries?populate[associations][populate]=*',
    '/api/countries?populate=*',
    '/api/actions?populate=*',
  ])('GET %s shows no e-mail, phone, review field or account', async (path) => {
    const response = await anonymous().get(path.replace(':association', association.documentId));
    expect(response.status).toBe(200);
    expectNoPrivateValue(response.body);
  });

  it.each([
    ['filters', '/api/associations?filters[email][$eq]=secret-contact@example.org'],
    ['filters', '/api/associations?filters[phone][$contains]=33'],
    ['filters', '/api/countries?filters[associations][email][$startsWith]=s'],
    ['filters', '/api/actions?filters[reviewState][$eq]=submitted'],
    ['filters', '/api/actions?filters[ownerAssociation][name][$eq]=x'],
    ['sort', '/api/associations?sort=email'],
    ['sort', '/api/associations?sort[0]=phone:desc'],
    ['fields', '/api/associations?fields[0]=email'],
    ['populate', '/api/actions?populate[ownerAssociation]=true'],
    ['populate', '/api/associations?populate[ownedActions]=true'],
    ['fields', '/api/countries?populate[associations][fields][0]=email'],
  ])('using a private field in %s is a 400, not an oracle: %s', async (param, path) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(400);
    expect(errorOf(response).name).toBe('ValidationError');
    expect(errorOf(response).details.source).toBe('query');
    expect(JSON.stringify(response.body)).not.toContain('"data":[');
  });

  it('a draft is absent from the public list, even when the client asks for drafts', async () => {
    for (const query of [
      '',
      '?status=draft',
      '?status=published',
      '?publicationFilter=never-published&status=draft',
    ]) {
      const response = await anonymous().get(`/api/partnerships${query}`);
      expect(response.status).toBeLessThan(500);
      if (response.status === 200) {
        const slugs = dataOf<Entry[]>(response).map((entry) => entry.slug);
        expect(slugs).not.toContain('test-partenariat-brouillon');
      }
    }
  });

  it('a draft is a 404 by documentId, even with ?status=draft', async () => {
    expect((await anonymous().get(`/api/partnerships/${draftPartnership.documentId}`)).status).toBe(404);
    expect(
      (await anonymous().get(`/api/partnerships/${draftPartnership.documentId}?status=draft`)).status,
    ).toBe(404);
  });

  it('a draft cannot be found by filtering on its slug', async () => {
    const response = await anonymous().get(
      '/api/partnerships?status=draft&filters[slug][$eq]=test-partenariat-brouillon',
    );
    expect(dataOf<Entry[]>(response)).toEqual([]);
  });

  it('a draft does not appear in the relations of a published entry', async () => {
    for (const query of ['populate[partnerships]=true', 'populate[partnerships]=true&status=draft']) {
      const response = await anonymous().get(`/api/countries/${gabonId}?${query}`);
      const slugs = (dataOf(response).partnerships as Entry[]).map((entry) => entry.slug);
      expect(slugs).toContain('gabon-estuaire');
      expect(slugs).not.toContain('test-partenariat-brouillon');
    }
  });

  it('the unpublished changes of a published entry stay private', async () => {
    const id = await documentIdOf('partnerships', 'norvege-jeunesse');
    const edit = await trusted.put(`/api/partnerships/${id}?status=draft`, {
      data: { summary: 'Brouillon non relu' },
    });
    expect(edit.status).toBe(200);
    try {
      for (const query of ['', '?status=draft']) {
        const response = await anonymous().get(`/api/partnerships/${id}${query}`);
        expect(response.status).toBe(200);
        expect(dataOf(response).summary).not.toBe('Brouillon non relu');
      }
      const draft = await trusted.get(`/api/partnerships/${id}?status=draft`);
      expect(dataOf(draft).summary).toBe('Brouillon non relu');
    } finally {
      await trusted.put(`/api/partnerships/${id}?status=draft`, {
        data: { summary: 'Des liens ont été établis avec la Norvège sur des thématiques jeunesse.' },
      });
    }
  });

  it('counting drafts needs credentials: the public total ignores them', async () => {
    const response = await anonymous().get('/api/partnerships?status=draft&pagination[pageSize]=1');
    const publicTotal = (response.body as { meta: { pagination: { total: number } } }).meta.pagination.total;
    expect(publicTotal).toBe(await countAll('partnerships', 'published'));
    expect(await countAll('partnerships', 'draft')).toBeGreaterThan(publicTotal);
  });

  it.each([
    '/api/users',
    '/api/users/me',
    '/api/users-permissions/roles',
    '/api/upload/files',
    '/api/i18n/locales',
  ])('GET %s is refused to the public', async (path) => {
    const response = await anonymous().get(path);
    expect([401, 403]).toContain(response.status);
  });
});
