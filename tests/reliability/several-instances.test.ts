import crypto from 'node:crypto';
import request from 'supertest';
import { png } from '../helpers/images';
import { adminOf, ownDatabase, type OwnDatabase } from '../helpers/instances';
import { startS3Server } from '../helpers/s3-server';

/**
 * Two stateless instances behind a load balancer: one PostgreSQL database, Redis for the rate
 * limits, media in S3-compatible object storage (a loopback server started here). Whatever
 * instance a request reaches, the answer is the same. (The outbox across two instances is in
 * outbox.test.ts.)
 */
describe('two instances on one PostgreSQL, Redis and object storage', () => {
  let own: OwnDatabase | undefined;
  let s3: Awaited<ReturnType<typeof startS3Server>> | undefined;
  afterAll(async () => {
    await own?.drop();
    await s3?.close();
  });

  it('share uploads, rate limits and ETags', async () => {
    s3 = await startS3Server();
    own = await ownDatabase('postgres', {
      S3_BUCKET: 'courcouronnes-media',
      S3_ENDPOINT: s3.endpoint,
      S3_REGION: 'fr-par',
      S3_ACCESS_KEY_ID: 'test-key',
      S3_SECRET_ACCESS_KEY: 'test-secret',
      REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_PREFIX: `ri:test:${crypto.randomBytes(4).toString('hex')}:`,
      RATE_LIMIT_AUTH_MAX: '3',
      WEBSITE_WEBHOOK_URL: '',
    });
    // Both start at once on the new database (a new deployment of two replicas): they take turns.
    const [one, two] = await Promise.all([own.start({ SEED_ON_START: 'true' }), own.start()]);

    // The content API's upload folder exists before any upload (two first uploads at once both
    // created it, and one failed with a 500: found by the load test).
    const admin = await adminOf(one.url);
    const folders = (await admin.get('/upload/folders')).body as { data: Array<{ name: string }> };
    expect(folders.data.map((folder) => folder.name)).toContain('API Uploads');

    // An upload through one instance is stored in the bucket and served by the other.
    const image = png();
    const uploaded = await request(one.url)
      .post('/upload')
      .set('Authorization', `Bearer ${admin.token}`)
      .attach('files', image, 'jumelage.png');
    expect(uploaded.status).toBe(201);
    const file = (uploaded.body as Array<{ id: number; url: string; hash: string; ext: string }>)[0];
    expect(file.url).toBe(`/uploads/${file.hash}${file.ext}`);
    expect(s3.objects.has(`/courcouronnes-media/uploads/${file.hash}${file.ext}`)).toBe(true);

    const served = await request(two.url).get(file.url);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.headers['content-security-policy']).toMatch(/sandbox/);
    const stored = s3.objects.get(`/courcouronnes-media/uploads/${file.hash}${file.ext}`);
    expect(Buffer.compare(served.body as Buffer, stored?.body ?? Buffer.alloc(0))).toBe(0);
    expect((await request(one.url).get('/uploads/no-such-file.png')).status).toBe(404);

    // Deleted through the second instance: gone from the bucket, for both.
    const deleted = await request(two.url)
      .delete(`/upload/files/${file.id}`)
      .set('Authorization', `Bearer ${(await adminOf(two.url)).token}`);
    expect(deleted.status).toBe(200);
    expect((await request(one.url).get(file.url)).status).toBe(404);

    // Log-in attempts are counted together: the limit (3) is reached across both instances.
    const attempt = (url: string) =>
      request(url).post('/api/auth/local').send({ identifier: 'personne@example.org', password: 'mauvais' });
    const statuses = [];
    for (const url of [one.url, two.url, one.url, two.url]) statuses.push((await attempt(url)).status);
    expect(statuses).toEqual([400, 400, 400, 429]);

    // The same content gets the same ETag from either instance (a CDN or a browser revalidates
    // against whichever answers next).
    for (const path of [
      '/api/partnerships',
      '/api/themes?sort=slug',
      '/api/partnerships/slug/quebec-education',
    ]) {
      const [a, b] = [await request(one.url).get(path), await request(two.url).get(path)];
      expect(a.status).toBe(200);
      expect(a.headers.etag).toBeTruthy();
      expect(b.headers.etag).toBe(a.headers.etag);
      const revalidated = await request(two.url).get(path).set('If-None-Match', a.headers.etag);
      expect(revalidated.status).toBe(304);
    }
  });
});
