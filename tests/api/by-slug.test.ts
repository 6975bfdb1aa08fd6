import request from 'supertest';
import { adminToken, anonymous, baseUrl, dataOf, errorOf, trusted, type Entry } from '../helpers/client';

const SLUGS: Array<[plural: string, slug: string]> = [
  ['partnerships', 'gabon-estuaire'],
  ['delegations', 'delegation-gabonaise-komo-mondah-2011'],
  ['actions', 'alternative-suspension'],
  ['school-exchanges', 'voyage-kristiansund'],
  ['countries', 'gabon'],
  ['themes', 'education'],
  ['schools', 'college-jean-lurcat'],
];

const slugs = (value: unknown): string[] =>
  ((value as Entry[] | null) ?? []).map((entry) => entry.slug as string).sort();

describe('GET /api/<plural>/slug/:slug', () => {
  it.each(SLUGS)('/api/%s/slug/%s returns the entry with its direct relations', async (plural, slug) => {
    const response = await anonymous().get(`/api/${plural}/slug/${slug}`);
    expect(response.status).toBe(200);
    expect(dataOf(response).slug).toBe(slug);
  });

  it('an association is found by its slug', async () => {
    const created = await trusted.post('/api/associations', {
      data: { name: 'Test par slug', slug: 'test-par-slug' },
    });
    expect(created.status).toBe(201);
    const response = await anonymous().get('/api/associations/slug/test-par-slug');
    expect(response.status).toBe(200);
    expect(dataOf(response).name).toBe('Test par slug');
    await trusted.delete(`/api/associations/${dataOf(created).documentId}`);
  });

  it('the default population gives each relation its label and slug, and no more', async () => {
    const response = await anonymous().get('/api/partnerships/slug/gabon-estuaire');
    const partnership = dataOf(response);
    expect(partnership.country).toMatchObject({ name: 'Gabon', slug: 'gabon', isoCode: 'GA' });
    expect(Object.keys(partnership.country as object).sort()).toEqual([
      'documentId',
      'id',
      'isoCode',
      'name',
      'slug',
    ]);
    expect(slugs(partnership.delegations)).toEqual([
      'delegation-gabon-2010',
      'delegation-gabonaise-komo-mondah-2011',
    ]);
    expect((partnership.delegations as Entry[])[0]).toHaveProperty('title');
    expect(slugs(partnership.themes)).toHaveLength(6);
    expect(partnership.location).toMatchObject({ placeName: "Province de l'Estuaire" });
    expect(partnership).toHaveProperty('image', null);
  });

  it("keeps what the client asked for: the client's own populate of a relation wins, the rest stays", async () => {
    const response = await anonymous().get(
      '/api/partnerships/slug/gabon-estuaire?populate[delegations][fields][0]=startDate&populate[delegations][fields][1]=direction',
    );
    expect(response.status).toBe(200);
    const partnership = dataOf(response);
    const delegation = (partnership.delegations as Entry[])[0];
    expect(delegation).toHaveProperty('startDate');
    expect(delegation).toHaveProperty('direction');
    expect(delegation).not.toHaveProperty('title');
    expect(partnership.country).toMatchObject({ slug: 'gabon' });
  });

  it('keeps the client fields selection', async () => {
    const response = await anonymous().get('/api/partnerships/slug/gabon-estuaire?fields[0]=title');
    const partnership = dataOf(response);
    expect(partnership.title).toBeDefined();
    expect(partnership).not.toHaveProperty('description');
  });

  it('a country is found by its ISO code too', async () => {
    const response = await anonymous().get('/api/countries/slug/ga');
    expect(response.status).toBe(200);
    expect(dataOf(response).isoCode).toBe('GA');
  });

  it('an unknown slug is a 404 naming it', async () => {
    const response = await anonymous().get('/api/partnerships/slug/atlantide');
    expect(response.status).toBe(404);
    expect(errorOf(response).message).toContain('"atlantide"');
  });

  it('a draft is a 404 by slug for the public, even with ?status=draft', async () => {
    const draft = await trusted.post('/api/partnerships?status=draft', {
      data: { title: 'Slug brouillon', slug: 'test-slug-brouillon', partnerName: 'x' },
    });
    expect(draft.status).toBe(201);
    try {
      expect((await anonymous().get('/api/partnerships/slug/test-slug-brouillon')).status).toBe(404);
      expect((await anonymous().get('/api/partnerships/slug/test-slug-brouillon?status=draft')).status).toBe(
        404,
      );
    } finally {
      await trusted.delete(`/api/partnerships/${dataOf(draft).documentId}`);
    }
  });

  it('a private field cannot be asked for through the slug route either', async () => {
    // An entry that exists: for an unknown slug the answer would be a 404 before the query is read.
    const created = await trusted.post('/api/associations', {
      data: { name: 'Association privée', slug: 'test-slug-privee', email: 'privee@example.org' },
    });
    expect(created.status).toBe(201);
    try {
      const response = await anonymous().get(
        '/api/associations/slug/test-slug-privee?populate[ownedActions]=true',
      );
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body)).not.toContain('privee@example.org');
      const plain = await anonymous().get('/api/associations/slug/test-slug-privee');
      expect(plain.status).toBe(200);
      expect(JSON.stringify(plain.body)).not.toContain('privee@example.org');
    } finally {
      await trusted.delete(`/api/associations/${dataOf(created).documentId}`);
    }
    const filtered = await anonymous().get(
      '/api/countries/slug/gabon?populate[associations][fields][0]=email',
    );
    expect(filtered.status).toBe(400);
  });
});

describe('relations that grow with the data, by slug', () => {
  it("lists at most 20 of a partnership's actions, the latest first, published only, with the total", async () => {
    const read = async (query = '') => {
      const response = await anonymous().get(`/api/partnerships/slug/gabon-estuaire${query}`);
      expect(response.status).toBe(200);
      return response.body as { data: Entry; meta: { totals: Record<string, number>; perRelation: number } };
    };
    const before = await read();
    expect(before.meta.perRelation).toBe(20);
    // Dated entries first, the latest first, then the undated ones (on every database).
    const dates = (
      (await read('?populate[actions][fields][0]=slug&populate[actions][fields][1]=startDate')).data
        .actions as Entry[]
    ).map((action) => action.startDate as string | null);
    expect(dates.some((date) => date === null)).toBe(true); // the seed has undated actions
    const dated = dates.filter((date): date is string => date !== null);
    expect(dates).toEqual([...[...dated].sort().reverse(), ...dates.filter((date) => date === null)]);
    expect(before.meta.totals.actions).toBe((before.data.actions as Entry[]).length);
    const partnership = before.data.documentId;
    const created: string[] = [];
    try {
      for (let index = 0; index < 22; index += 1) {
        const response = await trusted.post('/api/actions', {
          data: {
            title: `Action du partenariat ${index}`,
            slug: `test-plafond-slug-${index}`,
            actionType: 'event',
            startDate: `${2040 + index}`,
            partnership,
          },
        });
        expect(response.status).toBe(201);
        created.push(dataOf(response).documentId);
      }
      const draft = await trusted.post('/api/actions?status=draft', {
        data: {
          title: 'Brouillon lié',
          slug: 'test-plafond-slug-brouillon',
          actionType: 'event',
          startDate: '2099',
          partnership,
        },
      });
      expect(draft.status).toBe(201);
      created.push(dataOf(draft).documentId);

      for (const query of [
        '',
        '?populate=*',
        '?populate[actions]=true',
        '?populate[actions][fields][0]=slug',
      ]) {
        const { data, meta } = await read(query);
        const actions = data.actions as Entry[];
        expect(actions).toHaveLength(20);
        expect(meta.totals.actions).toBe(before.meta.totals.actions + 22);
        expect(actions.map((action) => action.slug)).not.toContain('test-plafond-slug-brouillon');
        expect(actions[0].slug).toBe('test-plafond-slug-21'); // the latest first
        if (query.includes('fields'))
          expect(Object.keys(actions[0]).sort()).toEqual(['documentId', 'id', 'slug']);
        else expect(actions[0]).toHaveProperty('title');
        // The relations that do not grow stay whole.
        expect(slugs(data.themes)).toHaveLength(6);
      }
      // What stock populate refuses, the capped relation refuses too.
      const owner = await anonymous().get(
        '/api/partnerships/slug/gabon-estuaire?populate[actions][populate][ownerAssociation]=true',
      );
      expect(owner.status).toBe(400);
    } finally {
      for (const id of created) await trusted.delete(`/api/actions/${id}`);
    }
  });
});

describe('GET /api/countries/:isoCode/overview', () => {
  it('returns everything linked to the country in one response', async () => {
    const response = await anonymous().get('/api/countries/GA/overview');
    expect(response.status).toBe(200);
    const country = dataOf(response);
    expect(country).toMatchObject({ isoCode: 'GA', name: 'Gabon' });
    expect(slugs(country.partnerships)).toEqual(['gabon-estuaire']);
    // The latest first.
    expect((country.delegations as Entry[]).map((delegation) => delegation.slug)).toEqual([
      'delegation-gabonaise-komo-mondah-2011',
      'delegation-gabon-2010',
    ]);
    expect(slugs(country.actions)).toEqual(['echanges-culturels-gabon', 'materiel-socio-educatif-gabon']);
    expect(slugs(country.schoolExchanges)).toEqual([
      'correspondance-college-paul-fort-gabon',
      'correspondance-ecole-paul-bert-gabon',
    ]);
    const { meta } = response.body as { meta: { totals: Record<string, number>; perRelation: number } };
    expect(meta.totals).toMatchObject({ partnerships: 1, delegations: 2, actions: 2, schoolExchanges: 2 });
    expect(meta.totals.associations).toBe((country.associations as Entry[]).length);
    expect(meta.perRelation).toBe(20);
    expect(country.associations).toEqual(expect.any(Array));
    const partnership = (country.partnerships as Entry[])[0];
    expect(slugs(partnership.themes)).toHaveLength(6);
    const action = (country.actions as Entry[]).find((a) => a.slug === 'echanges-culturels-gabon') as Entry;
    expect(slugs(action.schools)).toEqual(['college-paul-fort', 'ecole-paul-bert']);
  });

  it('lists at most 20 entries of a relation, the latest first, and gives the total', async () => {
    const norway = (await anonymous().get('/api/countries/NO/overview').expect(200)).body as {
      data: Entry;
      meta: { totals: Record<string, number> };
    };
    const before = norway.meta.totals.actions;
    const created: string[] = [];
    try {
      for (let index = 0; index < 22; index += 1) {
        const response = await trusted.post('/api/actions', {
          data: {
            title: `Action plafonnée ${index}`,
            slug: `test-plafond-${index}`,
            actionType: 'event',
            startDate: `${2030 + index}`,
            country: norway.data.documentId,
          },
        });
        expect(response.status).toBe(201);
        created.push(dataOf(response).documentId);
      }
      // Whatever the client asks to populate, the relation stays capped.
      for (const query of [
        '',
        '?populate=*',
        '?populate[actions]=true',
        '?populate[actions][fields][0]=slug',
      ]) {
        const response = await anonymous().get(`/api/countries/NO/overview${query}`);
        expect(response.status).toBe(200);
        const actions = dataOf(response).actions as Entry[];
        expect(actions).toHaveLength(20);
        expect((response.body as { meta: { totals: Record<string, number> } }).meta.totals.actions).toBe(
          before + 22,
        );
        if (query === '') expect(actions[0].slug).toBe('test-plafond-21'); // the latest first
      }
    } finally {
      for (const id of created) await trusted.delete(`/api/actions/${id}`);
    }
  });

  it('accepts a lower-case code and refuses an unknown one with a 404', async () => {
    expect((await anonymous().get('/api/countries/no/overview')).status).toBe(200);
    expect((await anonymous().get('/api/countries/ZZ/overview')).status).toBe(404);
  });
});

describe('draft preview with a read-only API token', () => {
  it('a read-only token created by staff reads drafts; without it they stay invisible', async () => {
    const token = await adminToken();
    const created = await request(baseUrl())
      .post('/admin/api-tokens')
      .set('Authorization', `Bearer ${token}`)
      .send({ name: 'Prévisualisation du site', type: 'read-only', lifespan: null });
    expect(created.status).toBe(201);
    const preview = (created.body as { data: { accessKey: string } }).data.accessKey;

    const draft = await trusted.post('/api/partnerships?status=draft', {
      data: { title: 'Aperçu', slug: 'test-apercu', partnerName: 'x' },
    });
    try {
      const withToken = await anonymous()
        .get('/api/partnerships/slug/test-apercu?status=draft')
        .set('Authorization', `Bearer ${preview}`);
      expect(withToken.status).toBe(200);
      expect(dataOf(withToken).publishedAt).toBeNull();
      const list = await anonymous()
        .get('/api/partnerships?status=draft&filters[slug][$eq]=test-apercu')
        .set('Authorization', `Bearer ${preview}`);
      expect(dataOf<Entry[]>(list)).toHaveLength(1);
      expect((await anonymous().get('/api/partnerships/slug/test-apercu?status=draft')).status).toBe(404);

      const write = await anonymous()
        .post('/api/themes')
        .set('Authorization', `Bearer ${preview}`)
        .send({ data: { name: 'x', slug: 'test-x' } });
      expect(write.status).toBe(403);
    } finally {
      await trusted.delete(`/api/partnerships/${dataOf(draft).documentId}`);
    }
  });
});

describe("the admin panel's preview button", () => {
  const previewUrlFor = async (uid: string, query: string) => {
    const token = await adminToken();
    const response = await request(baseUrl())
      .get(`/content-manager/preview/url/${uid}?${query}`)
      .set('Authorization', `Bearer ${token}`);
    expect(response.status).toBe(200);
    return (response.body as { data: { url: string } }).data.url;
  };

  it("opens the entry's page on the website (WEBSITE_URL), as a draft preview when it is a draft", async () => {
    const id = dataOf<Entry[]>(
      await anonymous().get('/api/partnerships?filters[slug][$eq]=gabon-estuaire'),
    )[0].documentId;
    expect(
      await previewUrlFor('api::partnership.partnership', `documentId=${id}&locale=fr&status=draft`),
    ).toBe('https://website.example.test/partnerships/gabon-estuaire?locale=fr&status=draft');
    expect(
      await previewUrlFor('api::partnership.partnership', `documentId=${id}&locale=fr&status=published`),
    ).toBe('https://website.example.test/partnerships/gabon-estuaire?locale=fr');
  });

  it('a country page is named by its ISO code, the Mission has its own page', async () => {
    const id = dataOf<Entry[]>(await anonymous().get('/api/countries?filters[isoCode][$eq]=GA'))[0]
      .documentId;
    expect(await previewUrlFor('api::country.country', `documentId=${id}&locale=fr`)).toBe(
      'https://website.example.test/countries/GA?locale=fr',
    );
    expect(await previewUrlFor('api::mission.mission', 'locale=fr&status=draft')).toBe(
      'https://website.example.test/mission?locale=fr&status=draft',
    );
  });
});

describe('?locale=en on the slug routes', () => {
  it('falls back to French where no translation exists, and says so in `locale`', async () => {
    const response = await anonymous().get('/api/partnerships/slug/gabon-estuaire?locale=en');
    expect(response.status).toBe(200);
    expect(dataOf(response)).toMatchObject({ slug: 'gabon-estuaire', locale: 'fr' });
  });

  it('serves the English version where it exists, under the same slug', async () => {
    const school = dataOf<Entry[]>(
      await anonymous().get('/api/schools?filters[slug][$eq]=college-paul-fort'),
    )[0];
    const translated = await trusted.put(`/api/schools/${school.documentId}?locale=en`, {
      data: { name: 'Paul Fort middle school', slug: 'college-paul-fort' },
    });
    expect(translated.status).toBe(200);
    const response = await anonymous().get('/api/schools/slug/college-paul-fort?locale=en');
    expect(dataOf(response)).toMatchObject({
      name: 'Paul Fort middle school',
      slug: 'college-paul-fort',
      locale: 'en',
    });
    const french = await anonymous().get('/api/schools/slug/college-paul-fort');
    expect(dataOf(french)).toMatchObject({ name: 'Collège Paul Fort', locale: 'fr' });
  });
});
