import { check } from '@placemarkio/check-geojson';
import crypto from 'node:crypto';
import request from 'supertest';
import {
  adminToken,
  anonymous,
  baseUrl,
  dataOf,
  errorOf,
  trusted,
  type Entry,
  documentIdOf,
} from '../helpers/client';
import { PROBE_HEADER } from '../helpers/query-probe';

interface TimelineItem {
  type: string;
  slug: string;
  title: string;
  startDate: string | null;
  locale: string;
  country: { isoCode: string } | null;
  themes: Array<{ slug: string }>;
}
interface Paginated<T> {
  data: T[];
  meta: { pagination: { page: number; pageSize: number; pageCount: number; total: number } };
}

const getJson = async <T>(path: string): Promise<T> => {
  const response = await anonymous().get(path);
  expect(response.status).toBe(200);
  return response.body as T;
};

describe('GET /api/timeline', () => {
  it('lists delegations, actions and school exchanges, dated ones in date order first', async () => {
    const body = await getJson<Paginated<TimelineItem>>('/api/timeline?pageSize=100');
    expect(body.meta.pagination.total).toBe(11);
    expect(new Set(body.data.map((item) => item.type))).toEqual(
      new Set(['delegation', 'action', 'school-exchange']),
    );
    const dated = body.data.filter((item) => item.startDate !== null);
    expect(dated.map((item) => item.startDate)).toEqual(['2010', '2010', '2011-05']);
    expect(body.data.slice(0, 3).every((item) => item.startDate !== null)).toBe(true);
  });

  it('order=desc puts the latest first', async () => {
    const body = await getJson<Paginated<TimelineItem>>('/api/timeline?order=desc&type=delegation');
    expect(body.data[0].slug).toBe('delegation-gabonaise-komo-mondah-2011');
  });

  it('filters by year range, country, theme and type', async () => {
    const in2011 = await getJson<Paginated<TimelineItem>>('/api/timeline?from=2011&to=2011');
    expect(in2011.data.map((item) => item.slug)).toEqual(['delegation-gabonaise-komo-mondah-2011']);
    const in2010 = await getJson<Paginated<TimelineItem>>('/api/timeline?from=2010&to=2010');
    expect(in2010.data.map((item) => item.slug).sort()).toEqual([
      'delegation-gabon-2010',
      'delegation-quebec-2010',
    ]);
    const gabon = await getJson<Paginated<TimelineItem>>('/api/timeline?country=ga&pageSize=100');
    expect(gabon.data.every((item) => item.country?.isoCode === 'GA')).toBe(true);
    expect(gabon.meta.pagination.total).toBe(6);
    const youth = await getJson<Paginated<TimelineItem>>('/api/timeline?theme=jeunesse');
    expect(youth.data.map((item) => item.slug)).toEqual(['voyage-kristiansund']);
    const actions = await getJson<Paginated<TimelineItem>>('/api/timeline?type=action');
    expect(actions.data.every((item) => item.type === 'action')).toBe(true);
    expect(actions.data).toHaveLength(3);
  });

  it('paginates', async () => {
    const first = await getJson<Paginated<TimelineItem>>('/api/timeline?pageSize=4&page=1');
    const third = await getJson<Paginated<TimelineItem>>('/api/timeline?pageSize=4&page=3');
    expect(first.data).toHaveLength(4);
    expect(third.data).toHaveLength(3);
    expect(first.meta.pagination).toEqual({ page: 1, pageSize: 4, pageCount: 3, total: 11 });
  });

  it.each([
    ['from=20x0', 'from'],
    ['to=1800', 'to'],
    ['type=festival', 'type'],
    ['pageSize=101', 'pageSize'],
    ['page=0', 'page'],
    ['order=sideways', 'order'],
    ['locale=de', 'locale'],
    ['country[$ne]=GA', 'country'],
    ['populate=*', 'populate'],
  ])('?%s is a 400 naming %s', async (query, param) => {
    const response = await anonymous().get(`/api/timeline?${query}`);
    expect(response.status).toBe(400);
    expect(errorOf(response).details.errors?.[0].path).toEqual([param]);
  });
});

describe('GET /api/timeline, a page at a time', () => {
  it.each(['asc', 'desc'])('pages of 3 (%s) put together are the whole timeline, in order', async (order) => {
    const whole = await getJson<Paginated<TimelineItem>>(`/api/timeline?order=${order}&pageSize=100`);
    const total = whole.meta.pagination.total;
    expect(whole.data).toHaveLength(total);
    const pages: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 3) + 1; page += 1) {
      const part = await getJson<Paginated<TimelineItem>>(
        `/api/timeline?order=${order}&pageSize=3&page=${page}`,
      );
      expect(part.meta.pagination.total).toBe(total);
      pages.push(...part.data.map((item) => `${item.type} ${item.slug}`));
    }
    expect(pages).toEqual(whole.data.map((item) => `${item.type} ${item.slug}`));
    // Dated entries first, in date order; the undated last.
    const dates = whole.data.map((item) => item.startDate);
    const firstUndated = dates.indexOf(null);
    if (firstUndated >= 0) expect(dates.slice(firstUndated).every((date) => date === null)).toBe(true);
    const dated = dates.filter((date): date is string => date !== null);
    const sorted = [...dated].sort();
    expect(dated).toEqual(order === 'asc' ? sorted : sorted.reverse());
  });
});

describe('GET /api/map', () => {
  interface Feature {
    type: string;
    geometry: { type: string; coordinates: number[] };
    properties: { type: string; title: string; slug: string; themes: string[]; years: number[] };
  }

  it('is a valid GeoJSON FeatureCollection (RFC 7946), longitude first', async () => {
    const response = await anonymous().get('/api/map');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/application\/geo\+json/);
    expect(() => {
      check(JSON.stringify(response.body));
    }).not.toThrow();
    const features = (response.body as { features: Feature[] }).features;
    for (const feature of features) {
      const [longitude, latitude] = feature.geometry.coordinates;
      expect(feature.geometry.coordinates).toHaveLength(2);
      expect(longitude).toBeGreaterThanOrEqual(-180);
      expect(longitude).toBeLessThanOrEqual(180);
      expect(latitude).toBeGreaterThanOrEqual(-90);
      expect(latitude).toBeLessThanOrEqual(90);
    }
    const kristiansund = features.find((f) => f.properties.slug === 'voyage-kristiansund') as Feature;
    expect(kristiansund.geometry.coordinates).toEqual([7.728, 63.1115]);
    expect(kristiansund.properties).toMatchObject({
      type: 'school-exchange',
      themes: ['echanges-scolaires', 'jeunesse'],
    });
  });

  it('holds the partnerships, delegations and located exchanges, with type, title, slug, themes and years', async () => {
    const { features } = await getJson<{ features: Feature[] }>('/api/map');
    const byType = (type: string) =>
      features
        .filter((f) => f.properties.type === type)
        .map((f) => f.properties.slug)
        .sort();
    expect(byType('partnership')).toEqual(['gabon-estuaire', 'norvege-jeunesse', 'quebec-education']);
    expect(byType('delegation')).toEqual([
      'delegation-gabon-2010',
      'delegation-gabonaise-komo-mondah-2011',
      'delegation-quebec-2010',
    ]);
    expect(byType('school-exchange')).toEqual(['voyage-jackson-michigan', 'voyage-kristiansund']);
    const komo = features.find(
      (f) => f.properties.slug === 'delegation-gabonaise-komo-mondah-2011',
    ) as Feature;
    expect(komo.properties.years).toEqual([2011]);
    expect(komo.properties.title).toMatch(/Komo-Mondah/);
  });

  it('shows the countries where associations work, with those associations, and no draft', async () => {
    const noId = await documentIdOf('countries', 'norvege');
    const published = await trusted.post('/api/associations', {
      data: { name: 'Test carte', slug: 'test-carte', countries: [noId] },
    });
    const draft = await trusted.post('/api/associations?status=draft', {
      data: {
        name: 'Test carte brouillon',
        slug: 'test-carte-brouillon',
        countries: [await documentIdOf('countries', 'canada')],
      },
    });
    try {
      const { features } = await getJson<{
        features: Array<Feature & { properties: { associations?: Entry[] } }>;
      }>('/api/map?type=association-country');
      expect(features.map((f) => f.properties.slug)).toEqual(['norvege']);
      expect(features[0].properties.associations).toEqual([{ name: 'Test carte', slug: 'test-carte' }]);
      expect(features[0].geometry.coordinates).toEqual([8.4689, 60.472]);
    } finally {
      await trusted.delete(`/api/associations/${dataOf(published).documentId}`);
      await trusted.delete(`/api/associations/${dataOf(draft).documentId}`);
    }
  });

  it('is served a page at a time, with the total: the pages together hold every feature once', async () => {
    const whole = await getJson<{ features: Feature[]; meta: { pagination: Record<string, number> } }>(
      '/api/map',
    );
    const total = whole.meta.pagination.total;
    expect(whole.meta.pagination).toMatchObject({ page: 1, pageSize: 500, pageCount: 1 });
    expect(total).toBe(whole.features.length);
    const seen: string[] = [];
    for (let page = 1; page <= Math.ceil(total / 3); page += 1) {
      const part = await getJson<{ features: Feature[]; meta: { pagination: Record<string, number> } }>(
        `/api/map?pageSize=3&page=${page}`,
      );
      expect(part.meta.pagination).toMatchObject({
        page,
        pageSize: 3,
        total,
        pageCount: Math.ceil(total / 3),
      });
      expect(part.features.length).toBeLessThanOrEqual(3);
      seen.push(...part.features.map((f) => `${f.properties.type} ${f.properties.slug}`));
    }
    expect(seen).toEqual(whole.features.map((f) => `${f.properties.type} ${f.properties.slug}`));
    const beyond = await getJson<{ features: Feature[] }>(
      `/api/map?pageSize=3&page=${Math.ceil(total / 3) + 1}`,
    );
    expect(beyond.features).toEqual([]);
  });

  it('places a published entry with a place, in slug order; never a draft, nor an entry without a place', async () => {
    const place = { placeName: 'Libreville', latitude: 0.4162, longitude: 9.4673 };
    const posts = [
      trusted.post('/api/delegations?status=published', {
        data: { title: 'Carte placée', slug: 'delegation-carte-placee', direction: 'outgoing', place },
      }),
      trusted.post('/api/delegations?status=draft', {
        data: { title: 'Carte brouillon', slug: 'delegation-carte-brouillon', direction: 'outgoing', place },
      }),
      trusted.post('/api/delegations?status=published', {
        data: { title: 'Carte sans lieu', slug: 'delegation-carte-sans-lieu', direction: 'outgoing' },
      }),
    ];
    const created = [];
    for (const post of posts) created.push(await post);
    try {
      for (const response of created) expect(response.status).toBe(201);
      for (const locale of ['fr', 'en']) {
        const { features } = await getJson<{ features: Array<Feature & { properties: { locale: string } }> }>(
          `/api/map?type=delegation&locale=${locale}`,
        );
        expect(features.map((f) => f.properties.slug)).toEqual([
          'delegation-carte-placee',
          'delegation-gabon-2010',
          'delegation-gabonaise-komo-mondah-2011',
          'delegation-quebec-2010',
        ]);
        expect(features[0].geometry.coordinates).toEqual([9.4673, 0.4162]);
        expect(features[0].properties).toMatchObject({ title: 'Carte placée', locale: 'fr' });
        // A page in the middle of the type: the same order.
        const middle = await getJson<{ features: Feature[] }>(
          `/api/map?type=delegation&locale=${locale}&pageSize=2&page=2`,
        );
        expect(middle.features.map((f) => f.properties.slug)).toEqual([
          'delegation-gabonaise-komo-mondah-2011',
          'delegation-quebec-2010',
        ]);
      }
    } finally {
      for (const response of created)
        if (response.status === 201) await trusted.delete(`/api/delegations/${dataOf(response).documentId}`);
    }
  });

  it('refuses an unknown parameter, and a page size over 2000', async () => {
    expect((await anonymous().get('/api/map?bbox=1,2,3,4')).status).toBe(400);
    expect((await anonymous().get('/api/map?pageSize=2001')).status).toBe(400);
  });
});

describe('GET /api/stats', () => {
  interface Counts {
    partnerships: number;
    associations: number;
    delegations: number;
    actions: number;
    schoolExchanges: number;
    total: number;
  }
  interface Stats {
    totals: Counts;
    byContinent: Array<Counts & { continent: string }>;
    byCountry: Array<Counts & { isoCode: string }>;
    byTheme: Array<Counts & { slug: string }>;
    byYear: Array<Counts & { year: number }>;
    byType: { actionType: Record<string, number>; delegationDirection: Record<string, number> };
  }

  it('counts the published content by continent, country, theme, year and type', async () => {
    const { data } = await getJson<{ data: Stats }>('/api/stats');
    expect(data.totals).toMatchObject({ partnerships: 3, delegations: 3, actions: 3, schoolExchanges: 5 });
    expect(data.byContinent.map((row) => row.continent)).toEqual([
      'africa',
      'americas',
      'asia',
      'europe',
      'oceania',
    ]);
    const africa = data.byContinent.find((row) => row.continent === 'africa') as Counts;
    expect(africa).toMatchObject({ partnerships: 1, delegations: 2, actions: 2, schoolExchanges: 2 });
    const gabon = data.byCountry.find((row) => row.isoCode === 'GA') as Counts;
    expect(gabon.total).toBe(7);
    expect(data.byYear).toEqual([
      expect.objectContaining({ year: 2010, delegations: 2, total: 2 }),
      expect.objectContaining({ year: 2011, delegations: 1, total: 1 }),
    ]);
    const education = data.byTheme.find((row) => row.slug === 'education') as Counts;
    expect(education).toMatchObject({ partnerships: 2, delegations: 2, actions: 2 });
    expect(data.byType.delegationDirection).toEqual({ outgoing: 2, incoming: 1 });
    expect(data.byType.actionType).toEqual({
      'material-donation': 1,
      'programme-adaptation': 1,
      'cultural-exchange': 1,
    });
  });

  it('counts once per change: later answers read the figures kept in the database; a publish counts again', async () => {
    // Authenticated, so that no kept answer serves it: what the controller runs, seen by the query probe.
    const stats = async (): Promise<{ data: Stats; statements: string[] }> => {
      const id = crypto.randomUUID();
      const response = await trusted.get('/api/stats').set(PROBE_HEADER, id);
      expect(response.status).toBe(200);
      const probe = await request(process.env.TEST_PROBE_URL as string).get(`/${id}`);
      return { data: (response.body as { data: Stats }).data, ...(probe.body as { statements: string[] }) };
    };
    const counting = (statements: string[]): boolean =>
      statements.some((sql) => sql.includes('MATERIALIZED'));
    const first = await stats();
    const again = await stats();
    expect(counting(again.statements)).toBe(false);
    expect(again.statements.some((sql) => sql.includes('ri_stats_figures'))).toBe(true);
    expect(again.data).toEqual(first.data);

    const created = await trusted.post('/api/partnerships?status=published', {
      data: { title: 'Stat publiée', slug: 'test-stat-publiee', partnerName: 'x', startDate: '1999-01-01' },
    });
    expect(created.status).toBe(201);
    try {
      const after = await stats();
      expect(counting(after.statements)).toBe(true);
      expect(after.data.totals.partnerships).toBe(first.data.totals.partnerships + 1);
      expect(after.data.byYear.find((row) => row.year === 1999)).toMatchObject({ partnerships: 1, total: 1 });
      const next = await stats();
      expect(counting(next.statements)).toBe(false);
      expect(next.data).toEqual(after.data);
    } finally {
      await trusted.delete(`/api/partnerships/${dataOf(created).documentId}`);
    }
    const removed = await stats();
    expect(removed.data.totals.partnerships).toBe(first.data.totals.partnerships);
    expect(removed.data.byYear.find((row) => row.year === 1999)).toBeUndefined();
  });

  it('ignores drafts', async () => {
    const before = (await getJson<{ data: Stats }>('/api/stats')).data.totals.partnerships;
    const draft = await trusted.post('/api/partnerships?status=draft', {
      data: { title: 'Stat brouillon', slug: 'test-stat-brouillon', partnerName: 'x' },
    });
    try {
      expect((await getJson<{ data: Stats }>('/api/stats')).data.totals.partnerships).toBe(before);
    } finally {
      await trusted.delete(`/api/partnerships/${dataOf(draft).documentId}`);
    }
  });
});

describe('GET /api/search', () => {
  interface Hit {
    type: string;
    slug: string;
    title: string;
    locale: string;
    score: number;
  }

  it('"lurcat" finds the collège Jean Lurçat, first', async () => {
    const { data } = await getJson<Paginated<Hit>>('/api/search?q=lurcat');
    expect(data[0]).toMatchObject({
      type: 'school',
      slug: 'college-jean-lurcat',
      title: 'Collège Jean Lurçat',
    });
    expect(data.map((hit) => hit.slug)).toContain('alternative-suspension');
  });

  it('"quebec" finds Québec, whatever the case and accents', async () => {
    for (const q of ['quebec', 'QUÉBEC', 'Quebec']) {
      const { data } = await getJson<Paginated<Hit>>(`/api/search?q=${encodeURIComponent(q)}`);
      const slugs = data.map((hit) => hit.slug);
      expect(slugs).toEqual(
        expect.arrayContaining(['quebec-education', 'delegation-quebec-2010', 'alternative-suspension']),
      );
    }
  });

  it('ranks a match in a title above a match in the body text', async () => {
    const { data } = await getJson<Paginated<Hit>>('/api/search?q=quebec');
    const title = data.findIndex((hit) => hit.slug === 'quebec-education');
    const body = data.findIndex((hit) => hit.slug === 'alternative-suspension');
    expect(title).toBeLessThan(body);
    expect(data[title].score).toBeGreaterThan(data[body].score);
  });

  it('needs every word: "jackson michigan" finds the trip, "kristiansund michigan" nothing', async () => {
    const both = await getJson<Paginated<Hit>>('/api/search?q=jackson%20michigan');
    expect(both.data.map((hit) => hit.slug)).toEqual(['voyage-jackson-michigan']);
    const none = await getJson<Paginated<Hit>>('/api/search?q=kristiansund%20michigan');
    expect(none.data).toEqual([]);
  });

  it.each(['le', "l'", 'de la', '日本', '2010', 'É', 'x'.repeat(200), '%27%3B%20DROP%20TABLE'])(
    'an unusual query (%s) is answered, never a 500',
    async (q) => {
      const response = await anonymous().get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(response.status).toBe(200);
    },
  );

  it('filters by type and paginates', async () => {
    const schools = await getJson<Paginated<Hit>>('/api/search?q=college&type=school');
    expect(schools.data.map((hit) => hit.slug).sort()).toEqual(['college-jean-lurcat', 'college-paul-fort']);
    const page = await getJson<Paginated<Hit>>('/api/search?q=gabon&pageSize=2&page=1');
    expect(page.data).toHaveLength(2);
    expect(page.meta.pagination.total).toBeGreaterThan(2);
  });

  it('never finds a draft', async () => {
    const draft = await trusted.post('/api/actions?status=draft', {
      data: { title: 'Zanzibarissime brouillon', slug: 'test-zanzibar', actionType: 'event' },
    });
    try {
      const { data } = await getJson<Paginated<Hit>>('/api/search?q=zanzibarissime');
      expect(data).toEqual([]);
    } finally {
      await trusted.delete(`/api/actions/${dataOf(draft).documentId}`);
    }
  });

  it('follows every write at once: publish, edit, unpublish, delete (the index is kept by the database)', async () => {
    const find = async (word: string) =>
      (await getJson<Paginated<Hit>>(`/api/search?q=${word}`)).data.map((hit) => hit.slug);
    const created = await trusted.post('/api/actions', {
      data: { title: 'Opération Quetzalcoatlus', slug: 'test-index', actionType: 'event' },
    });
    expect(created.status).toBe(201);
    const id = dataOf(created).documentId;
    try {
      expect(await find('quetzalcoatlus')).toEqual(['test-index']);
      expect(await find('QUETZALCOATLUS')).toEqual(['test-index']);
      const edited = await trusted.put(`/api/actions/${id}`, { data: { title: 'Opération Archéoptéryx' } });
      expect(edited.status).toBe(200);
      expect(await find('quetzalcoatlus')).toEqual([]);
      expect(await find('archeopteryx')).toEqual(['test-index']);
      const shownTitle = async () =>
        (await getJson<Paginated<Hit>>('/api/search?q=archeopteryx')).data.map((hit) => hit.title);
      expect(await shownTitle()).toEqual(['Opération Archéoptéryx']);
      // A draft change of a published entry is not public: the published text is still what is
      // found, and what a hit shows.
      await trusted.put(`/api/actions/${id}?status=draft`, { data: { title: 'Opération Brouillonnesque' } });
      expect(await find('brouillonnesque')).toEqual([]);
      expect(await find('archeopteryx')).toEqual(['test-index']);
      expect(await shownTitle()).toEqual(['Opération Archéoptéryx']);
      const token = await adminToken();
      const unpublished = await request(baseUrl())
        .post(`/content-manager/collection-types/api::action.action/${id}/actions/unpublish`)
        .set('Authorization', `Bearer ${token}`)
        .send({});
      expect(unpublished.status).toBe(200);
      expect(await find('archeopteryx')).toEqual([]);
    } finally {
      await trusted.delete(`/api/actions/${id}`);
    }
    expect(await find('archeopteryx')).toEqual([]);
  });

  it('the total of a one-word search follows every write: publish, edit, unpublish, delete', async () => {
    // On PostgreSQL this total is the word's kept count (per-write counts, folded as searches go:
    // the test server folds past 2 of them); each step is asked twice, so the second reads the fold.
    const totals = async (): Promise<number[]> => {
      const answers = [];
      for (const pageSize of [10, 11]) {
        const { data, meta } = await getJson<Paginated<Hit>>(`/api/search?q=zorglub&pageSize=${pageSize}`);
        expect(data).toHaveLength(meta.pagination.total);
        answers.push(meta.pagination.total);
      }
      return answers;
    };
    const made: string[] = [];
    try {
      expect(await totals()).toEqual([0, 0]);
      for (const index of [1, 2, 3]) {
        const response = await trusted.post('/api/actions', {
          data: { title: `Opération Zorglub ${index}`, slug: `test-zorglub-${index}`, actionType: 'event' },
        });
        expect(response.status).toBe(201);
        made.push(dataOf(response).documentId);
        expect(await totals()).toEqual([index, index]);
      }
      const edited = await trusted.put(`/api/actions/${made[0]}`, { data: { summary: 'Zorglub encore' } });
      expect(edited.status).toBe(200);
      expect(await totals()).toEqual([3, 3]);
      const unpublished = await request(baseUrl())
        .post(`/content-manager/collection-types/api::action.action/${made[1]}/actions/unpublish`)
        .set('Authorization', `Bearer ${await adminToken()}`)
        .send({});
      expect(unpublished.status).toBe(200);
      expect(await totals()).toEqual([2, 2]);
      expect((await trusted.delete(`/api/actions/${made[2]}`)).status).toBe(204);
      made.pop();
      expect(await totals()).toEqual([1, 1]);
    } finally {
      for (const id of made) await trusted.delete(`/api/actions/${id}`);
    }
    expect(await totals()).toEqual([0, 0]);
  });

  it('a word that begins several words: one hit per entry, its best score, a total of entries, pages that follow one another', async () => {
    // "xylo" begins two stems: xylophon(e) and xylograph(ie). The first entry has both in its title.
    const made: string[] = [];
    try {
      for (const data of [
        { title: 'Xylophone et xylographie', slug: 'test-xylo-both', actionType: 'event' },
        { title: 'Xylophones', slug: 'test-xylo-phone', actionType: 'event' },
        { title: 'Atelier', summary: 'Une xylographie', slug: 'test-xylo-body', actionType: 'event' },
      ]) {
        const response = await trusted.post('/api/actions', { data });
        expect(response.status).toBe(201);
        made.push(dataOf(response).documentId);
      }
      const all = await getJson<Paginated<Hit>>('/api/search?q=xylo&pageSize=10');
      const slugs = all.data.map((hit) => hit.slug);
      expect([...slugs].sort()).toEqual(['test-xylo-body', 'test-xylo-both', 'test-xylo-phone']);
      expect(all.meta.pagination.total).toBe(3);
      // A match in the title ranks above a match in the summary.
      expect(slugs[2]).toBe('test-xylo-body');
      expect(all.data[1].score).toBeGreaterThan(all.data[2].score);
      // Page by page, one at a time: the same order, each entry once.
      const paged: string[] = [];
      for (const page of [1, 2, 3]) {
        const one = await getJson<Paginated<Hit>>(`/api/search?q=xylo&pageSize=1&page=${page}`);
        expect(one.meta.pagination).toMatchObject({ total: 3, pageCount: 3 });
        paged.push(...one.data.map((hit) => hit.slug));
      }
      expect(paged).toEqual(slugs);
      const beyond = await getJson<Paginated<Hit>>('/api/search?q=xylo&pageSize=2&page=3');
      expect(beyond.data).toEqual([]);
      // The type filter applies to the ranking and to the total.
      const none = await getJson<Paginated<Hit>>('/api/search?q=xylo&type=delegation');
      expect(none).toMatchObject({ data: [], meta: { pagination: { total: 0 } } });
      // What a hit shows is the entry's published text.
      expect(all.data.find((hit) => hit.slug === 'test-xylo-body')).toMatchObject({
        type: 'action',
        title: 'Atelier',
        summary: 'Une xylographie',
        locale: 'fr',
      });

      // In English: the translation where it matches, the French entry otherwise (also where the
      // translation does not match), each document once, counted once.
      const [, phone, body] = made;
      for (const [id, data] of [
        [phone, { title: 'Xylophones (in English)', slug: 'test-xylo-phone', actionType: 'event' }],
        [body, { title: 'Workshop', summary: 'Printmaking', slug: 'test-xylo-body', actionType: 'event' }],
      ] as const) {
        expect((await trusted.put(`/api/actions/${id}?locale=en`, { data })).status).toBe(200);
      }
      const english = await getJson<Paginated<Hit>>('/api/search?q=xylo&locale=en&pageSize=10');
      expect(english.data.map((hit) => [hit.slug, hit.locale, hit.title]).sort()).toEqual([
        ['test-xylo-body', 'fr', 'Atelier'],
        ['test-xylo-both', 'fr', 'Xylophone et xylographie'],
        ['test-xylo-phone', 'en', 'Xylophones (in English)'],
      ]);
      expect(english.meta.pagination.total).toBe(3);
      const englishPaged: string[] = [];
      for (const page of [1, 2, 3]) {
        const one = await getJson<Paginated<Hit>>(`/api/search?q=xylo&locale=en&pageSize=1&page=${page}`);
        expect(one.meta.pagination.total).toBe(3);
        englishPaged.push(...one.data.map((hit) => hit.slug));
      }
      expect(englishPaged).toEqual(english.data.map((hit) => hit.slug));
      // An English word is found in the English text only.
      const printmaking = await getJson<Paginated<Hit>>('/api/search?q=printmaking&locale=en');
      expect(printmaking.data.map((hit) => [hit.slug, hit.locale])).toEqual([['test-xylo-body', 'en']]);
    } finally {
      for (const id of made) await trusted.delete(`/api/actions/${id}`);
    }
    expect((await getJson<Paginated<Hit>>('/api/search?q=xylo')).meta.pagination.total).toBe(0);
  });

  it("several words: every one needed, each word's score added up, pages that follow one another, the English text where it matches", async () => {
    const made: string[] = [];
    const search = (query: string) => getJson<Paginated<Hit>>(`/api/search?${query}`);
    try {
      for (const data of [
        { title: 'Quokka et wombat', slug: 'test-qw-title', actionType: 'event' },
        { title: 'Quokka', summary: 'Un wombat', slug: 'test-qw-mixed', actionType: 'event' },
        { title: 'Atelier', summary: 'Un quokka, un wombat', slug: 'test-qw-summary', actionType: 'event' },
        { title: 'Quokka seul', slug: 'test-qw-one', actionType: 'event' },
      ]) {
        const response = await trusted.post('/api/actions', { data });
        expect(response.status).toBe(201);
        made.push(dataOf(response).documentId);
      }
      const both = await search('q=quokka%20wombat&pageSize=10');
      const slugs = both.data.map((hit) => hit.slug);
      // Both words in the title, then one in the title, then both in the summary; one word is not enough.
      expect(slugs).toEqual(['test-qw-title', 'test-qw-mixed', 'test-qw-summary']);
      expect(both.meta.pagination).toMatchObject({ total: 3, pageCount: 1 });
      expect(both.data[0].score).toBeGreaterThan(both.data[1].score);
      expect(both.data[1].score).toBeGreaterThan(both.data[2].score);
      // Words in any order, any case and accents, the last one as the start of a word.
      for (const q of ['Wombat%20QUOKKA', 'quokka%20womb', 'quokká%20wómbat']) {
        expect((await search(`q=${q}&pageSize=10`)).data.map((hit) => hit.slug).sort()).toEqual(
          [...slugs].sort(),
        );
      }
      expect((await search('q=quokka%20zebrafish')).meta.pagination.total).toBe(0);
      if (process.env.TEST_DATABASE === 'postgres') {
        // PostgreSQL: an entry's score is the sum of its one-word scores.
        const scoreOf = async (q: string, slug: string): Promise<number> =>
          (await search(`q=${q}&pageSize=10`)).data.find((hit) => hit.slug === slug)?.score ?? NaN;
        for (const slug of slugs) {
          const sum = (await scoreOf('quokka', slug)) + (await scoreOf('wombat', slug));
          expect(Math.abs((await scoreOf('quokka%20wombat', slug)) - sum)).toBeLessThan(1e-5);
        }
      }
      // Page by page, one at a time: the same order, each entry once; past the end, the total still.
      const paged: string[] = [];
      for (const page of [1, 2, 3]) {
        const one = await search(`q=quokka%20wombat&pageSize=1&page=${page}`);
        expect(one.meta.pagination).toMatchObject({ total: 3, pageCount: 3 });
        paged.push(...one.data.map((hit) => hit.slug));
      }
      expect(paged).toEqual(slugs);
      expect(await search('q=quokka%20wombat&pageSize=2&page=3')).toMatchObject({
        data: [],
        meta: { pagination: { total: 3 } },
      });
      expect(await search('q=quokka%20wombat&type=delegation')).toMatchObject({
        data: [],
        meta: { pagination: { total: 0 } },
      });

      // In English: a translation that matches is the hit (also where the French entry does not
      // match), the French entry otherwise; each document once, counted once.
      const [, mixed, summary, one] = made;
      for (const [id, data] of [
        [mixed, { title: 'Quokka and wombat (en)', slug: 'test-qw-mixed', actionType: 'event' }],
        [summary, { title: 'Workshop', summary: 'Animals', slug: 'test-qw-summary', actionType: 'event' }],
        [one, { title: 'Quokka, wombat (en)', slug: 'test-qw-one', actionType: 'event' }],
      ] as const) {
        expect((await trusted.put(`/api/actions/${id}?locale=en`, { data })).status).toBe(200);
      }
      const english = await search('q=quokka%20wombat&locale=en&pageSize=10');
      expect(english.data.map((hit) => [hit.slug, hit.locale]).sort()).toEqual([
        ['test-qw-mixed', 'en'],
        ['test-qw-one', 'en'],
        ['test-qw-summary', 'fr'],
        ['test-qw-title', 'fr'],
      ]);
      expect(english.meta.pagination.total).toBe(4);
      const englishPaged: string[] = [];
      for (const page of [1, 2, 3, 4]) {
        const page1 = await search(`q=quokka%20wombat&locale=en&pageSize=1&page=${page}`);
        expect(page1.meta.pagination.total).toBe(4);
        englishPaged.push(...page1.data.map((hit) => hit.slug));
      }
      expect(englishPaged).toEqual(english.data.map((hit) => hit.slug));
    } finally {
      for (const id of made) await trusted.delete(`/api/actions/${id}`);
    }
    expect((await search('q=quokka%20wombat')).meta.pagination.total).toBe(0);
  });

  it.each(['', 'q=', 'q=%20%2C', 'q=x&type=user', 'q=x&sort=title', `q=${'a'.repeat(201)}`])(
    '?%s is a 400',
    async (query) => {
      const response = await anonymous().get(`/api/search?${query}`);
      expect(response.status).toBe(400);
    },
  );
});

describe('?locale=en on the website endpoints', () => {
  it('serves the English text where a translation exists, French otherwise, and says which', async () => {
    const id = await documentIdOf('delegations', 'delegation-quebec-2010');
    const translated = await trusted.put(`/api/delegations/${id}?locale=en`, {
      data: {
        title: 'City delegation to Québec',
        slug: 'delegation-quebec-2010',
        direction: 'outgoing',
        startDate: '2010',
      },
    });
    expect(translated.status).toBe(200);

    const english = await getJson<Paginated<TimelineItem>>('/api/timeline?type=delegation&locale=en');
    const quebec = english.data.find((item) => item.slug === 'delegation-quebec-2010') as TimelineItem;
    expect(quebec).toMatchObject({ title: 'City delegation to Québec', locale: 'en' });
    expect(quebec.country?.isoCode).toBe('CA');
    const gabon = english.data.find((item) => item.slug === 'delegation-gabon-2010') as TimelineItem;
    expect(gabon).toMatchObject({ title: 'Délégation de la ville au Gabon', locale: 'fr' });

    const french = await getJson<Paginated<TimelineItem>>('/api/timeline?type=delegation');
    expect(french.data.find((item) => item.slug === 'delegation-quebec-2010')?.title).toBe(
      'Délégation de la ville au Québec',
    );

    const search = await getJson<Paginated<{ slug: string; title: string; locale: string }>>(
      '/api/search?q=delegation&locale=en&type=delegation',
    );
    expect(search.data.find((hit) => hit.slug === 'delegation-quebec-2010')).toMatchObject({
      title: 'City delegation to Québec',
      locale: 'en',
    });
    // One hit per document: the translation where it matches, the French entry otherwise.
    const slugs = search.data.map((hit) => hit.slug);
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(search.meta.pagination.total).toBe(slugs.length);
    expect(search.data.find((hit) => hit.slug === 'delegation-gabon-2010')).toMatchObject({ locale: 'fr' });

    // The plain list: every delegation, each in English where translated, in French otherwise.
    const list = await getJson<Paginated<Entry>>(
      '/api/delegations?locale=en&sort=slug&fields[0]=title&fields[1]=slug&populate[country][fields][0]=isoCode',
    );
    const frenchList = await getJson<Paginated<Entry>>('/api/delegations?sort=slug');
    expect(list.data.map((entry) => entry.slug)).toEqual(frenchList.data.map((entry) => entry.slug));
    expect(list.meta.pagination.total).toBe(frenchList.meta.pagination.total);
    const quebecEntry = list.data.find((entry) => entry.slug === 'delegation-quebec-2010') as Entry;
    expect(quebecEntry).toMatchObject({ title: 'City delegation to Québec', locale: 'en' });
    expect((quebecEntry.country as Entry).isoCode).toBe('CA');
    expect(quebecEntry.purpose).toBeUndefined(); // the client's fields apply to the translation too
    expect(list.data.find((entry) => entry.slug === 'delegation-gabon-2010')).toMatchObject({
      title: 'Délégation de la ville au Gabon',
      locale: 'fr',
    });
    // A type without translations at all is listed in French, not empty.
    const themes = await getJson<Paginated<Entry>>('/api/themes?locale=en');
    expect(themes.data.length).toBeGreaterThan(0);
    expect(themes.data.every((theme) => theme.locale === 'fr')).toBe(true);
  });
});
