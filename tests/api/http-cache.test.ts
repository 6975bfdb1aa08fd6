import request from 'supertest';
import { adminToken, anonymous, baseUrl, dataOf, trusted, type Entry } from '../helpers/client';
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
