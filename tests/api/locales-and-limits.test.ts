import { superAdmin } from '../helpers/admin';
import { anonymous, dataOf, trusted, type Entry } from '../helpers/client';

interface Pagination {
  page: number;
  pageSize: number;
  total: number;
}
const paginationOf = (body: unknown): Pagination =>
  (body as { meta: { pagination: Pagination } }).meta.pagination;

describe('locales: French by default, English available', () => {
  it('are named in French in the admin (« Français (fr) », « Anglais (en) »), French the default', async () => {
    const response = await (await superAdmin()).get('/i18n/locales');
    expect(response.status).toBe(200);
    const locales = response.body as Array<{ code: string; name: string; isDefault: boolean }>;
    expect(locales.map(({ code, name, isDefault }) => [code, name, isDefault]).sort()).toEqual([
      ['en', 'Anglais (en)', false],
      ['fr', 'Français (fr)', true],
    ]);
  });

  it('an English version is served with ?locale=en, keeps the slug, and leaves the French one as it was', async () => {
    const french = dataOf<Entry[]>(await anonymous().get('/api/themes?filters[slug][$eq]=sante'))[0];
    expect(french).toMatchObject({ name: 'Santé', locale: 'fr' });

    const created = await trusted.put(`/api/themes/${french.documentId}?locale=en`, {
      // A new locale is created with the shared (non-localized) fields, as the admin's
      // "fill in from another locale" does.
      data: { name: 'Health', slug: 'sante' },
    });
    try {
      expect(created.status).toBe(200);

      const english = await anonymous().get(`/api/themes/${french.documentId}?locale=en`);
      expect(english.status).toBe(200);
      expect(dataOf(english)).toMatchObject({ name: 'Health', slug: 'sante', locale: 'en' });

      const stillFrench = await anonymous().get(`/api/themes/${french.documentId}`);
      expect(dataOf(stillFrench)).toMatchObject({ name: 'Santé', locale: 'fr' });
    } finally {
      // Only the English version goes: other files expect no theme translated (website.test.ts).
      const removed = await trusted.delete(`/api/themes/${french.documentId}?locale=en`);
      expect(removed.status).toBe(204);
    }
    expect((await anonymous().get(`/api/themes/${french.documentId}`)).status).toBe(200);
  });
});

describe('REST limits', () => {
  it('a list returns 25 entries per page by default', async () => {
    const response = await anonymous().get('/api/themes');
    expect(paginationOf(response.body).pageSize).toBe(25);
  });

  it('a page never holds more than 100 entries, whatever the client asks', async () => {
    const response = await anonymous().get('/api/themes?pagination[pageSize]=1000');
    expect(response.status).toBe(200);
    expect(paginationOf(response.body).pageSize).toBeLessThanOrEqual(100);
    const limited = await anonymous().get('/api/themes?pagination[limit]=1000');
    expect(limited.status).toBe(200);
    expect(dataOf<Entry[]>(limited).length).toBeLessThanOrEqual(100);
  });

  it('a negative page size falls back to a bounded page, not an error', async () => {
    const response = await anonymous().get('/api/themes?pagination[pageSize]=-5');
    expect(response.status).toBe(200);
    expect(paginationOf(response.body).pageSize).toBeLessThanOrEqual(100);
  });

  it.each(['pagination[page]=abc', 'sort=nope:asc', 'filters[nope][$eq]=1', 'populate=nope'])(
    'a malformed query (%s) is a 400, never a 500',
    async (query) => {
      const response = await anonymous().get(`/api/partnerships?${query}`);
      expect(response.status).toBe(400);
    },
  );
});
