import crypto from 'node:crypto';
import request from 'supertest';
import { anonymous, dataOf, errorOf, trusted, type Entry } from '../helpers/client';
import { sharedTestDatabase, sqlOn } from '../helpers/database';
import { eventually } from '../helpers/eventually';
import { PROBE_HEADER } from '../helpers/query-probe';

/** The SQL queries the server ran to answer one GET: how many, and their text. */
const queriesFor = async (
  path: string,
): Promise<{ status: number; queries: number; statements: string[]; items: number }> => {
  const id = crypto.randomUUID();
  const response = await anonymous().get(path).set(PROBE_HEADER, id);
  const probe = await request(process.env.TEST_PROBE_URL as string).get(`/${id}`);
  const body = response.body as { data?: unknown; features?: unknown[] };
  const items = Array.isArray(body.data) ? body.data.length : (body.features?.length ?? 1);
  const { queries, statements } = probe.body as { queries: number; statements: string[] };
  return { status: response.status, queries, statements, items };
};

const postgres = process.env.TEST_DATABASE === 'postgres';

/**
 * The statements that fold a word's search counts (PostgreSQL; services/search.ts `fold`,
 * search-index.ts `compactDf`): background work a search may start, not what it reads.
 */
const isFold = (sql: string): boolean => /\bdelete\s+from\s+"?ri_search_df\b/i.test(sql);
const folds = (statements: string[]): string[] => statements.filter(isFold);

describe('list endpoints run a number of queries that does not grow with the page size', () => {
  const created: string[] = [];

  beforeAll(async () => {
    const gabon = dataOf<Entry[]>(await anonymous().get('/api/countries?filters[isoCode][$eq]=GA'))[0]
      .documentId;
    const themes = dataOf<Entry[]>(await anonymous().get('/api/themes?pagination[pageSize]=3')).map(
      (t) => t.documentId,
    );
    const school = dataOf<Entry[]>(await anonymous().get('/api/schools?pagination[pageSize]=1'))[0]
      .documentId;
    for (let index = 0; index < 12; index += 1) {
      const response = await trusted.post('/api/actions', {
        data: {
          title: `Action de volume ${index}`,
          slug: `test-volume-${index}`,
          actionType: 'event',
          startDate: `20${10 + (index % 5)}`,
          country: gabon,
          themes,
          schools: [school],
        },
      });
      expect(response.status).toBe(201);
      created.push(dataOf(response).documentId);
    }
  });

  afterAll(async () => {
    for (const id of created) await trusted.delete(`/api/actions/${id}`);
  });

  it.each([
    '/api/actions?populate=*',
    '/api/actions?populate[themes][fields][0]=name&populate[country]=true&populate[schools]=true',
    // Dated entries only: a page that reaches the undated ones reads them too (one more query per
    // type, whatever the page size; bounded below).
    '/api/timeline?from=1900',
    '/api/search?q=volume',
    '/api/countries?populate[actions][populate][themes]=true',
  ])('%s: same queries for 5 and 100 entries a page', async (path) => {
    const separator = path.includes('?') ? '&' : '?';
    const sizeParam =
      path.startsWith('/api/timeline') || path.startsWith('/api/search')
        ? 'pageSize'
        : 'pagination[pageSize]';
    // Warm-up: one-time work of a process (such as detecting PostgreSQL extensions) is not per page.
    await queriesFor(`${path}${separator}${sizeParam}=1`);
    const small = await queriesFor(`${path}${separator}${sizeParam}=5`);
    const large = await queriesFor(`${path}${separator}${sizeParam}=100`);
    expect(small.status).toBe(200);
    expect(large.status).toBe(200);
    if (!path.startsWith('/api/countries')) expect(large.items).toBeGreaterThan(small.items);
    expect(small.queries).toBeGreaterThan(0);
    expect(large.queries).toBe(small.queries);
  });

  it.each(['/api/map', '/api/stats', '/api/countries/GA/overview', '/api/timeline?pageSize=100'])(
    '%s runs a bounded number of queries',
    async (path) => {
      const { status, queries } = await queriesFor(path);
      expect(status).toBe(200);
      // Bounded, whatever the data: the overview lists each of the country's growing relations
      // (partnerships, associations, delegations, actions, school exchanges, funding lines), capped,
      // with their totals; a few statements each.
      expect(queries).toBeLessThan(70);
    },
  );

  // A partnership's actions, delegations and school exchanges grow with the data: the slug page
  // lists at most RELATION_CAP of each. Every statement that walks one of those links must be
  // bounded (a LIMIT, or the count of `meta.totals`), whatever the client's `populate` says: the
  // core `findOne` must not load them all first.
  it.each([
    '/api/partnerships/slug/gabon-estuaire',
    '/api/partnerships/slug/gabon-estuaire?populate=*',
    '/api/partnerships/slug/gabon-estuaire?populate[country]=true',
    '/api/partnerships/slug/gabon-estuaire?populate[actions][fields][0]=title',
  ])('%s reads the growing relations within their cap only', async (path) => {
    const { status, statements } = await queriesFor(path);
    expect(status).toBe(200);
    const links = statements.filter((sql) =>
      /\b(actions|delegations|school_exchanges)_partnership_lnk\b/.test(sql),
    );
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((sql) => !/\blimit\b|\bcount\(/i.test(sql))).toEqual([]);
  });
});

describe('search reads its index only, by the path its words call for', () => {
  const reads = (statements: string[], table: string): boolean =>
    statements.some((sql) => new RegExp(`\\b${table}\\b`).test(sql));

  /** A write of public content (made and removed): the content version moves, what was kept for it goes. */
  const moveContentVersion = async (): Promise<void> => {
    const created = await trusted.post('/api/themes', {
      data: { name: 'Version de recherche', slug: `test-search-version-${crypto.randomUUID().slice(0, 8)}` },
    });
    expect(created.status).toBe(201);
    expect((await trusted.delete(`/api/themes/${dataOf(created).documentId}`)).status).toBe(204);
  };

  // On PostgreSQL, first after a write (cold), then for another page of the same words (warm: a
  // new URL, so not a kept answer). One word: its lexemes (kept for the version), the page, the
  // total. Several words: their lexemes, each word's entries in each locale read (kept), the French
  // entries of the translated hits (in another locale), what the page's hits show; warm, only that.
  it.each([
    ['one word', '/api/search?q=kristiansund', 3, 2],
    ['one word that begins several', '/api/search?q=gabon', 3, 2],
    ['one word in English', '/api/search?q=gabon&locale=en', 3, 2],
    ['several words', '/api/search?q=gabon%20estuaire', 4, 1],
    ['several words in English', '/api/search?q=gabon%20estuaire&locale=en', 6, 1],
  ])('%s', async (_label, path, coldStatements, warmStatements) => {
    await moveContentVersion();
    // Without a fold of the word's counts that an earlier test's writes may call for (tested below).
    const withoutFolds = (run: Awaited<ReturnType<typeof queriesFor>>): typeof run => ({
      ...run,
      statements: run.statements.filter((sql) => !isFold(sql)),
    });
    const cold = withoutFolds(await queriesFor(path));
    const warm = withoutFolds(await queriesFor(`${path}&pageSize=3`));
    for (const { status, statements, items } of [cold, warm]) {
      expect(status).toBe(200);
      expect(items).toBeGreaterThan(0);
      // No entry table is read: what a hit shows comes from the index (the only tables named are its own).
      const named = statements.flatMap((sql) =>
        [...sql.matchAll(/\b(?:from|join)\s+"?(\w+)"?/gi)].map((match) => match[1]),
      );
      expect(named.filter((name) => !/^(ri_search\w*|unnest|lateral|lx|st|w)$/i.test(name))).toEqual([]);
      if (postgres) {
        // The word rows, never a vector or its rank.
        expect(reads(statements, 'ts_rank')).toBe(false);
        expect(reads(statements, 'vector')).toBe(false);
      } else {
        expect(reads(statements, 'ri_search_fts')).toBe(true);
        expect(statements).toHaveLength(1);
      }
    }
    if (postgres) {
      expect(reads(cold.statements, 'ri_search_term')).toBe(true);
      // One word of one lexeme ("gabon" also begins « gabonais »), in French: its total is the
      // word's kept count, not a count of its rows.
      expect(reads(cold.statements, 'ri_search_df')).toBe(path === '/api/search?q=kristiansund');
      expect(cold.statements).toHaveLength(coldStatements);
      expect(warm.statements).toHaveLength(warmStatements);
      // Several words, warm: nothing is read but what the page shows.
      expect(reads(warm.statements, 'ri_search_term')).toBe(warmStatements > 1);
    }
  });
});

describe("a word's search counts are folded by one search at a time", () => {
  const created: string[] = [];
  const run = crypto.randomUUID().slice(0, 8);

  const createAction = async (): Promise<void> => {
    const response = await trusted.post('/api/actions', {
      data: {
        title: `Tamarinier ${created.length}`,
        slug: `test-fold-${run}-${created.length}`,
        actionType: 'event',
      },
    });
    expect(response.status).toBe(201);
    created.push(dataOf(response).documentId);
  };

  afterAll(async () => {
    for (const id of created) await trusted.delete(`/api/actions/${id}`);
  });

  // PostgreSQL keeps a word's number of entries as rows added by each write, and a search that
  // finds more than SEARCH_COUNT_FOLD_AFTER of them (2 for the tests) folds them into one, in the
  // background. Until that fold commits, the next searches still see the rows: they must not start
  // another fold of the same word (each would wait on the first, holding a connection, and its
  // statement was counted to the request that started it: tests above saw 3 statements instead
  // of 2 on a busy machine). The fold is held here by a lock on the word's rows.
  it('a search meanwhile does not fold again; one after the fold and a new write does', async () => {
    for (let index = 0; index < 3; index += 1) await createAction();
    const search = (pageSize: number): ReturnType<typeof queriesFor> =>
      queriesFor(`/api/search?q=tamarinier&pageSize=${pageSize}`);
    if (!postgres) {
      // SQLite searches FTS5 and keeps no counts: nothing to fold.
      const { status, items, statements } = await search(10);
      expect(status).toBe(200);
      expect(items).toBe(3);
      expect(statements.filter((sql) => /ri_search_df/.test(sql))).toEqual([]);
      return;
    }
    const sql = await sqlOn(sharedTestDatabase());
    const countOf = async (statement: string): Promise<number> =>
      Number((await sql.rows<{ n: string }>(statement))[0].n);
    const rowsOfWord = (): Promise<number> =>
      countOf(`SELECT COUNT(*) AS n FROM ri_search_df WHERE lexeme LIKE 'tamarin%'`);
    const waitingFolds = (): Promise<number> =>
      countOf(`SELECT COUNT(*) AS n FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND query ILIKE '%delete from ri_search_df%' AND wait_event_type = 'Lock'`);
    const until = (count: () => Promise<number>, value: number, what: string): Promise<true> =>
      eventually(async () => ((await count()) === value ? true : undefined), 30_000, what);
    try {
      expect(await rowsOfWord()).toBe(3);
      await sql.run('BEGIN');
      await sql.run(`SELECT 1 FROM ri_search_df WHERE lexeme LIKE 'tamarin%' FOR UPDATE`);

      const first = await search(10);
      expect(first.status).toBe(200);
      expect(first.items).toBe(3);
      await until(waitingFolds, 1, "the first search's fold waiting on the lock");

      const second = await search(5);
      expect(second.status).toBe(200);
      expect(second.items).toBe(3);
      expect(folds(second.statements)).toEqual([]);
      expect(second.statements).toHaveLength(2);
      expect(await waitingFolds()).toBe(1);

      await sql.run('COMMIT');
      await until(rowsOfWord, 1, 'the fold');
      const third = await search(4);
      expect(third.items).toBe(3);
      expect(folds(third.statements)).toEqual([]);

      // The fold is over: a search that finds too many rows again folds them.
      for (let index = 0; index < 2; index += 1) await createAction();
      expect(await rowsOfWord()).toBe(3);
      const fourth = await search(10);
      expect(fourth.items).toBe(5);
      await until(rowsOfWord, 1, 'the second fold');
    } finally {
      await sql.close();
    }
  });
});

describe('abusive queries are 400s, never 500s or slow queries', () => {
  const deep =
    '/api/partnerships?populate[actions][populate][schools][populate][actions][populate][partnership][populate][country]=true';

  it.each([
    ['populate nested 5 relations deep', deep, 'populate'],
    [
      'populate with 70 branches',
      `/api/partnerships?${Array.from({ length: 70 }, (_, i) => `populate[x${i}]=true`).join('&')}`,
      'populate',
    ],
    [
      'filters with 70 conditions',
      `/api/partnerships?${Array.from({ length: 70 }, (_, i) => `filters[$or][${i}][slug][$eq]=s${i}`).join('&')}`,
      'filters',
    ],
    [
      'filters nested 12 levels',
      '/api/partnerships?filters[$and][0][$and][0][$and][0][$and][0][$and][0][slug][$eq]=x',
      'filters',
    ],
    ['a 4 kB query string', `/api/partnerships?filters[slug][$eq]=${'x'.repeat(4100)}`, 'query'],
    ['an unknown parameter', '/api/partnerships?utm_source=newsletter', 'utm_source'],
    ['an unknown parameter on a slug route', '/api/partnerships/slug/gabon-estuaire?foo=bar', 'foo'],
  ])('%s is a 400 naming the parameter', async (_label, path, param) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(400);
    expect(errorOf(response).details.param ?? errorOf(response).details.key).toBe(param);
  });

  it('a reasonable nested populate still works', async () => {
    const response = await anonymous().get(
      '/api/countries?populate[partnerships][populate][delegations]=true',
    );
    expect(response.status).toBe(200);
  });
});
