import crypto from 'node:crypto';
import request from 'supertest';
import { superAdmin, type UsersPermissionsRole } from '../helpers/admin';
import { adminToken, anonymous, baseUrl, dataOf, trusted, type Entry } from '../helpers/client';
import { eventually } from '../helpers/eventually';
import { PROBE_HEADER } from '../helpers/query-probe';
import { freePort, startSecondInstance } from '../helpers/second-instance';

const PUBLIC = 'public, max-age=60, stale-while-revalidate=300';

const etagOf = async (path: string): Promise<string> => {
  const response = await anonymous().get(path);
  expect(response.status).toBe(200);
  return response.headers.etag;
};

describe('HTTP caching of public GETs', () => {
  it.each([
    '/api/partnerships',
    '/api/partnerships/slug/gabon-estuaire',
    '/api/countries/GA/overview',
    '/api/mission',
  ])('GET %s has an ETag and a public Cache-Control', async (path) => {
    const response = await anonymous().get(path);
    expect(response.status).toBe(200);
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(response.headers['cache-control']).toBe(PUBLIC);
  });

  it('If-None-Match with the current ETag is a 304 with no body', async () => {
    const etag = await etagOf('/api/partnerships');
    const response = await anonymous().get('/api/partnerships').set('If-None-Match', etag);
    expect(response.status).toBe(304);
    expect(response.text ?? '').toBe('');
    const stale = await anonymous().get('/api/partnerships').set('If-None-Match', '"not-the-etag"');
    expect(stale.status).toBe(200);
  });

  it('the ETag changes when the content it covers is edited or deleted', async () => {
    const created = await trusted.post('/api/themes', { data: { name: 'Cache', slug: 'test-cache' } });
    expect(created.status).toBe(201);
    const id = dataOf(created).documentId;
    const list = '/api/themes';
    const one = `/api/themes/${id}`;

    const listBefore = await etagOf(list);
    const oneBefore = await etagOf(one);
    await trusted.put(one, { data: { name: 'Cache modifié' } });
    expect(await etagOf(list)).not.toBe(listBefore);
    expect(await etagOf(one)).not.toBe(oneBefore);

    const listBeforeDelete = await etagOf(list);
    await trusted.delete(one);
    expect(await etagOf(list)).not.toBe(listBeforeDelete);
  });

  it('publishing and unpublishing change the ETag of the public list', async () => {
    const draft = await trusted.post('/api/partnerships?status=draft', {
      data: { title: 'Publication', slug: 'test-publication', partnerName: 'x' },
    });
    const id = dataOf(draft).documentId;
    try {
      const before = await etagOf('/api/partnerships');
      // Publishing through the REST API: an update without status=draft publishes.
      const published = await trusted.put(`/api/partnerships/${id}`, { data: { title: 'Publication' } });
      expect(published.status).toBe(200);
      const after = await anonymous().get('/api/partnerships');
      expect(dataOf<Entry[]>(after).map((p) => p.slug)).toContain('test-publication');
      expect(after.headers.etag).not.toBe(before);

      const token = await adminToken();
      const unpublished = await request(baseUrl())
        .post(`/content-manager/collection-types/api::partnership.partnership/${id}/actions/unpublish`)
        .set('Authorization', `Bearer ${token}`)
        .send({});
      expect(unpublished.status).toBe(200);
      const afterUnpublish = await anonymous().get('/api/partnerships');
      expect(dataOf<Entry[]>(afterUnpublish).map((p) => p.slug)).not.toContain('test-publication');
      expect(afterUnpublish.headers.etag).not.toBe(after.headers.etag);
    } finally {
      await trusted.delete(`/api/partnerships/${id}`);
    }
  });

  it('a request with credentials is never cached by shared caches', async () => {
    const response = await trusted.get('/api/partnerships');
    expect(response.headers['cache-control']).toBe('private, no-cache');
    expect(response.headers.vary).toMatch(/Authorization/);
  });

  it('two instances serving the same database give the same ETag', async () => {
    // It only reads: its outbox worker stays off (two processes writing to one SQLite file collide).
    const second = await startSecondInstance(await freePort(), { OUTBOX_WORKER: 'false' });
    try {
      for (const path of ['/api/partnerships?populate=*', '/api/countries/GA/overview', '/api/themes']) {
        const here = await anonymous().get(path);
        const there = await request(second.url).get(path);
        expect(there.status).toBe(200);
        expect(there.headers.etag).toBe(here.headers.etag);
      }
    } finally {
      await second.stop();
    }
  });

  it('errors are not given a public cache policy', async () => {
    const response = await anonymous().get('/api/partnerships/slug/atlantide');
    expect(response.status).toBe(404);
    expect(response.headers['cache-control']).not.toBe(PUBLIC);
  });
});

/** An anonymous GET and the number of SQL statements the server ran for it. */
const probed = async (path: string, headers: Record<string, string> = {}) => {
  const id = crypto.randomUUID();
  const response = await anonymous().get(path).set(PROBE_HEADER, id).set(headers);
  const probe = await request(process.env.TEST_PROBE_URL as string).get(`/${id}`);
  return { response, queries: (probe.body as { queries: number }).queries };
};

describe('ETags from the content version', () => {
  const CURATED = [
    '/api/partnerships/slug/gabon-estuaire',
    '/api/countries/GA/overview',
    '/api/timeline',
    '/api/map',
    '/api/stats',
    '/api/search?q=gabon',
    '/api/actions?populate=*',
  ];

  it.each(CURATED)('%s: 304 for a matching If-None-Match even with Cache-Control: no-cache', async (path) => {
    const etag = await etagOf(path);
    const response = await anonymous()
      .get(path)
      .set('If-None-Match', etag)
      .set('Cache-Control', 'no-cache')
      .set('Pragma', 'no-cache');
    expect(response.status).toBe(304);
    expect(response.headers.etag).toBe(etag);
  });

  it("Node's own fetch gets its 304 (it adds Cache-Control: no-cache to a hand-set If-None-Match)", async () => {
    const url = `${baseUrl()}/api/partnerships`;
    const first = await fetch(url);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).not.toBe('');
    const second = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(second.status).toBe(304);
    // A list of candidates, and a weak form, match too; another ETag does not.
    expect((await fetch(url, { headers: { 'If-None-Match': `"other", W/${etag}` } })).status).toBe(304);
    expect((await fetch(url, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
  });

  it('a request with credentials gets its 304 whatever Cache-Control says', async () => {
    const first = await trusted.get('/api/partnerships');
    expect(first.headers['cache-control']).toBe('private, no-cache');
    const again = await trusted
      .get('/api/partnerships')
      .set('If-None-Match', first.headers.etag)
      .set('Cache-Control', 'no-cache');
    expect(again.status).toBe(304);
  });

  it('a 304, and a response already built for this content, are answered without reading the database', async () => {
    const path = '/api/countries/GA/overview';
    // A write moves the content version: the next answer is built again.
    const created = await trusted.post('/api/themes', { data: { name: 'Version', slug: 'test-version' } });
    expect(created.status).toBe(201);
    await trusted.delete(`/api/themes/${dataOf(created).documentId}`);
    const cold = await probed(path);
    expect(cold.response.status).toBe(200);
    expect(cold.queries).toBeGreaterThan(0);
    const again = await probed(path);
    expect(again.response.status).toBe(200);
    expect(again.response.text).toBe(cold.response.text);
    expect(again.response.headers.etag).toBe(cold.response.headers.etag);
    expect(again.queries).toBe(0);
    const revalidated = await probed(path, { 'If-None-Match': cold.response.headers.etag });
    expect(revalidated.response.status).toBe(304);
    expect(revalidated.queries).toBe(0);
  });

  it('an answer kept for this content is given with the very headers of the one built for it', async () => {
    // Kept answers are served at the front of the stack (config/middlewares.ts): they must carry
    // what the built one carried — security headers, CORS for an allowed origin, Vary, ETag.
    const path = '/api/countries/GA/overview';
    const origin = 'https://website.example.test';
    const created = await trusted.post('/api/themes', { data: { name: 'Entêtes', slug: 'test-entetes' } });
    expect(created.status).toBe(201);
    await trusted.delete(`/api/themes/${dataOf(created).documentId}`);
    const cold = await probed(path, { Origin: origin });
    expect(cold.queries).toBeGreaterThan(0);
    const kept = await probed(path, { Origin: origin });
    expect(kept.queries).toBe(0);
    const headersOf = (response: request.Response): Record<string, string> => {
      const headers = { ...(response.headers as Record<string, string>) };
      delete headers.date;
      return headers;
    };
    expect(headersOf(kept.response)).toEqual(headersOf(cold.response));
    expect(kept.response.headers['access-control-allow-origin']).toBe(origin);
    expect(kept.response.headers['content-security-policy']).toBeTruthy();
    expect(kept.response.text).toBe(cold.response.text);
    const revalidated = await probed(path, { Origin: origin, 'If-None-Match': cold.response.headers.etag });
    expect(revalidated.response.status).toBe(304);
    expect(revalidated.response.headers['access-control-allow-origin']).toBe(origin);
    expect(revalidated.response.headers.vary).toBe(cold.response.headers.vary);
    // HEAD: the same headers, no body.
    const head = await anonymous().head(path).set('Origin', origin);
    expect(head.status).toBe(200);
    expect(head.headers.etag).toBe(cold.response.headers.etag);
    expect(head.headers['content-length']).toBe(cold.response.headers['content-length']);
  });

  it('requests arriving together after a write are answered from one build', async () => {
    const path = '/api/stats';
    const created = await trusted.post('/api/themes', { data: { name: 'Ensemble', slug: 'test-ensemble' } });
    expect(created.status).toBe(201);
    await trusted.delete(`/api/themes/${dataOf(created).documentId}`);
    const answers = await Promise.all(Array.from({ length: 8 }, () => probed(path)));
    for (const { response } of answers) {
      expect(response.status).toBe(200);
      expect(response.text).toBe(answers[0].response.text);
      expect(response.headers.etag).toBe(answers[0].response.headers.etag);
    }
    // One of them read the database; the others waited for it (or came after it) and read nothing.
    // On PostgreSQL they overlap (three builds of eight without the wait); SQLite's synchronous
    // driver usually finishes the first build before the next request is read.
    expect(answers.filter(({ queries }) => queries > 0)).toHaveLength(1);
  });

  it('the Public role losing a permission is seen at once (no response kept from before)', async () => {
    expect((await anonymous().get('/api/themes')).status).toBe(200);
    const client = await superAdmin();
    const roles = await client.get('/users-permissions/roles');
    const publicRoleId = (roles.body as { roles: UsersPermissionsRole[] }).roles.find(
      (role) => role.type === 'public',
    )?.id;
    const { role } = (await client.get(`/users-permissions/roles/${publicRoleId}`)).body as {
      role: UsersPermissionsRole;
    };
    const save = (enabled: boolean) => {
      role.permissions['api::theme'].controllers.theme.find.enabled = enabled;
      return client.put(`/users-permissions/roles/${publicRoleId}`, {
        name: role.name,
        description: role.description,
        permissions: role.permissions,
      });
    };
    expect((await save(false)).status).toBe(200);
    try {
      expect((await anonymous().get('/api/themes')).status).toBe(403);
    } finally {
      expect((await save(true)).status).toBe(200);
    }
    expect((await anonymous().get('/api/themes')).status).toBe(200);
  });

  it('with nothing kept (RESPONSE_CACHE_MB=0), a 304 for a URL the instance has answered reads nothing', async () => {
    // The other instance logs each SQL statement (knex's debug output); only its own are counted.
    const second = await startSecondInstance(
      await freePort(),
      { OUTBOX_WORKER: 'false', RESPONSE_CACHE_MB: '0', DEBUG: 'knex:query' },
      { echo: false },
    );
    try {
      const path = '/api/themes?sort=name&fields[0]=name';
      /** The statements on the themes' table the instance ran during `act`. */
      const themeStatements = async (act: () => Promise<void>): Promise<number> => {
        const before = second.output();
        const mark = before.slice(-300);
        await act();
        const after = second.output();
        const added = after.slice(after.lastIndexOf(mark) + mark.length);
        return added.split('\n').filter((line) => line.includes('knex:query') && line.includes('themes'))
          .length;
      };
      let etag = '';
      const built = await themeStatements(async () => {
        const first = await request(second.url).get(path);
        expect(first.status).toBe(200);
        etag = first.headers.etag;
      });
      expect(built).toBeGreaterThan(0);
      // Nothing is kept: a plain GET is built again.
      expect(
        await themeStatements(async () => {
          expect((await request(second.url).get(path)).status).toBe(200);
        }),
      ).toBeGreaterThan(0);
      // Its 304 is decided without building anything, whatever Cache-Control says.
      expect(
        await themeStatements(async () => {
          const revalidated = await request(second.url)
            .get(path)
            .set('If-None-Match', etag)
            .set('Cache-Control', 'no-cache');
          expect(revalidated.status).toBe(304);
          expect(revalidated.headers.etag).toBe(etag);
          expect(revalidated.headers['cache-control']).toBe(PUBLIC);
        }),
      ).toBe(0);
      // A URL the instance has not answered yet is built before its 304.
      const other = `${path}&pagination[pageSize]=5`;
      const otherEtag = (await anonymous().get(other)).headers.etag;
      expect(
        await themeStatements(async () => {
          expect((await request(second.url).get(other).set('If-None-Match', otherEtag)).status).toBe(304);
        }),
      ).toBeGreaterThan(0);
    } finally {
      await second.stop();
    }
  });

  it('anonymous answers are built PUBLIC_BUILDS_MAX at a time: the others wait (Server-Timing says how long), none fails', async () => {
    const second = await startSecondInstance(
      await freePort(),
      { OUTBOX_WORKER: 'false', RESPONSE_CACHE_MB: '0', PUBLIC_BUILDS_MAX: '1' },
      { echo: false },
    );
    try {
      // Eight different pages asked at once, each built (nothing is kept).
      const paths = Array.from(
        { length: 8 },
        (_, index) => `/api/partnerships?populate=*&pagination[pageSize]=${index + 1}`,
      );
      const answers = await Promise.all(paths.map((path) => request(second.url).get(path)));
      for (const [index, answer] of answers.entries()) {
        expect(answer.status).toBe(200);
        expect((answer.body as { meta: { pagination: { pageSize: number } } }).meta.pagination.pageSize).toBe(
          index + 1,
        );
      }
      const waited = answers
        .map((answer) => /queue;dur=([\d.]+)/.exec(answer.headers['server-timing'] ?? '')?.[1])
        .filter((duration): duration is string => duration !== undefined)
        .map(Number);
      // One slot: the burst cannot all be built at once. On SQLite (better-sqlite3 answers without
      // leaving the event loop) a build never yields to the next request, so nothing ever queues.
      if (process.env.TEST_DATABASE === 'postgres') expect(waited.length).toBeGreaterThanOrEqual(1);
      expect(waited.every((duration) => duration > 0)).toBe(true);
    } finally {
      await second.stop();
    }
    // The test instance (4 slots) builds a lone request without waiting.
    const alone = await anonymous().get('/api/partnerships?populate=*&pagination[pageSize]=3&sort=title');
    expect(alone.status).toBe(200);
    expect(alone.headers['server-timing']).toBeUndefined();
  });

  it('an edit through one instance is served by another within a second, with the same ETag', async () => {
    const second = await startSecondInstance(await freePort(), { OUTBOX_WORKER: 'false' });
    const created = await trusted.post('/api/themes', {
      data: { name: 'Propagation', slug: 'test-propagation' },
    });
    expect(created.status).toBe(201);
    const id = dataOf(created).documentId;
    let actionId: string | undefined;
    try {
      const path = `/api/themes/${id}`;
      // Both instances have built and kept the current answer.
      expect((await request(second.url).get(path)).status).toBe(200);
      expect((await anonymous().get(path)).status).toBe(200);

      const edited = await trusted.put(path, { data: { name: 'Propagation modifiée' } });
      expect(edited.status).toBe(200);
      const start = Date.now();
      const seen = await eventually(
        async () => {
          const response = await request(second.url).get(path);
          return dataOf(response).name === 'Propagation modifiée' ? response : undefined;
        },
        10_000,
        'the edit seen by the other instance',
        20,
      );
      const elapsed = Date.now() - start;
      // One second is the design bound (a NOTIFY on PostgreSQL, a poll every 500 ms on both); the
      // margin is for a loaded machine.
      expect(elapsed).toBeLessThan(2_000);
      // One save may move the version more than once (each Document Service write it makes): the
      // instances agree once the last has reached both, within the same second.
      await eventually(
        async () => {
          const [here, there] = [await anonymous().get(path), await request(second.url).get(path)];
          return here.headers.etag === there.headers.etag ? true : undefined;
        },
        2_000,
        'the same ETag on both instances',
        20,
      );
      expect(seen.status).toBe(200);

      // The same for a search of several words, whose word lists the other instance keeps for the
      // content version it knows (src/api/website/services/search.ts): an edit that removes a word
      // empties the search there too.
      const action = await trusted.post('/api/actions', {
        data: { title: 'Propagation okapi zèbre', slug: 'test-propagation-okapi', actionType: 'event' },
      });
      expect(action.status).toBe(201);
      actionId = dataOf(action).documentId;
      const search = '/api/search?q=okapi%20zebre';
      const before = await request(second.url).get(search);
      expect(before.body).toMatchObject({
        data: [{ slug: 'test-propagation-okapi' }],
        meta: { pagination: { total: 1 } },
      });
      // Another page of the same words: the lists are read once for this version, used again.
      expect((await request(second.url).get(`${search}&pageSize=5`)).body).toMatchObject({
        meta: { pagination: { total: 1 } },
      });
      const renamed = await trusted.put(`/api/actions/${actionId}`, { data: { title: 'Propagation okapi' } });
      expect(renamed.status).toBe(200);
      const searched = Date.now();
      await eventually(
        async () => {
          const response = await request(second.url).get(`${search}&pageSize=5`);
          return (response.body as { meta: { pagination: { total: number } } }).meta.pagination.total === 0
            ? true
            : undefined;
        },
        10_000,
        "the edit seen by the other instance's search",
        20,
      );
      expect(Date.now() - searched).toBeLessThan(2_000);
    } finally {
      await trusted.delete(`/api/themes/${id}`);
      if (actionId) await trusted.delete(`/api/actions/${actionId}`);
      await second.stop();
    }
  });
});

describe('CORS', () => {
  it('an allowed origin gets Access-Control-Allow-Origin with its own name', async () => {
    const response = await anonymous().get('/api/themes').set('Origin', 'https://website.example.test');
    expect(response.headers['access-control-allow-origin']).toBe('https://website.example.test');
  });

  it('another origin gets no Access-Control-Allow-Origin at all', async () => {
    for (const origin of ['https://evil.example.test', 'null']) {
      const response = await anonymous().get('/api/themes').set('Origin', origin);
      expect(response.headers['access-control-allow-origin']).toBeUndefined();
    }
    const preflight = await anonymous()
      .options('/api/themes')
      .set('Origin', 'https://evil.example.test')
      .set('Access-Control-Request-Method', 'GET');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never answers "*"', async () => {
    const response = await anonymous().get('/api/themes').set('Origin', 'https://website.example.test');
    expect(response.headers['access-control-allow-origin']).not.toBe('*');
  });
});
