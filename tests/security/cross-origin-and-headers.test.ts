/**
 * Class 5: CORS is for the public content API only, never with credentials; the admin panel and
 * every other path are same-origin whatever the spelling; no X-Powered-By; no empty CORS header.
 */
import request from 'supertest';
import { adminToken, anonymous, baseUrl } from '../helpers/client';
import { image } from '../helpers/images';
import { startIsolatedInstance, type Instance } from '../helpers/second-instance';
import { spellingsOf } from '../helpers/spellings';

/** The origin the test server allows (CORS_ORIGINS), the city website's. */
const WEBSITE = 'https://website.example.test';

describe('CORS', () => {
  it('the content API answers the website origin, without ever allowing credentials', async () => {
    for (const route of ['/api/themes', '/api/partnerships/slug/gabon-estuaire', '/api/openapi.json']) {
      const response = await anonymous().get(route).set('Origin', WEBSITE);
      expect(response.headers['access-control-allow-origin']).toBe(WEBSITE);
      expect(response.headers['access-control-allow-credentials']).toBeUndefined();
      expect(response.headers['access-control-expose-headers']).toMatch(/ETag/);
    }
    const preflight = await anonymous()
      .options('/api/themes')
      .set('Origin', WEBSITE)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'If-None-Match');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(WEBSITE);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it.each([
    '/admin/access-token',
    '/admin/login',
    '/admin/users/me',
    '/admin/init',
    '/admin/renew-token',
    '/content-manager/collection-types/api::partnership.partnership',
    '/upload/files',
    '/_health',
  ])(
    '%s gets no CORS header from the website origin, under any spelling, nor on a preflight',
    async (route) => {
      for (const spelling of spellingsOf(route)) {
        for (const method of ['get', 'post'] as const) {
          const response = await request(baseUrl())[method](spelling).set('Origin', WEBSITE);
          expect({
            spelling,
            method,
            acao: response.headers['access-control-allow-origin'],
          }).toEqual({
            spelling,
            method,
            acao: undefined,
          });
          expect(response.headers['access-control-allow-credentials']).toBeUndefined();
        }
        const preflight = await request(baseUrl())
          .options(spelling)
          .set('Origin', WEBSITE)
          .set('Access-Control-Request-Method', 'POST')
          .set('Access-Control-Request-Headers', 'Content-Type');
        expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
        expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
      }
    },
  );

  it('a request or preflight without an Origin gets no CORS header at all (never "*")', async () => {
    for (const route of ['/api/themes', '/admin/init', '/uploads/x.png']) {
      const response = await request(baseUrl()).get(route);
      expect({ route, acao: response.headers['access-control-allow-origin'] }).toEqual({
        route,
        acao: undefined,
      });
      const preflight = await request(baseUrl()).options(route).set('Access-Control-Request-Method', 'GET');
      expect({ route, acao: preflight.headers['access-control-allow-origin'] }).toEqual({
        route,
        acao: undefined,
      });
    }
  });

  it('files in /uploads get no CORS header either', async () => {
    const uploaded = await request(baseUrl())
      .post('/upload')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .attach('files', await image('png'), { filename: 'cors.png', contentType: 'image/png' });
    const [{ url }] = uploaded.body as Array<{ url: string }>;
    const response = await request(baseUrl()).get(url).set('Origin', WEBSITE);
    expect(response.status).toBe(200);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('headers', () => {
  it('no response says X-Powered-By', async () => {
    for (const route of [
      '/api/themes',
      '/api/nothing',
      '/admin/init',
      '/_health',
      '/favicon.ico',
      '/uploads/x.png',
    ]) {
      const response = await request(baseUrl()).get(route);
      expect({ route, poweredBy: response.headers['x-powered-by'] }).toEqual({
        route,
        poweredBy: undefined,
      });
    }
  });

  // Strapi's security middleware is recorded once and replayed (src/platform/stock-middlewares.ts):
  // every method and spelling still gets its headers, and the admin's paths still get its own policy.
  it('every answer carries the security headers, whatever the method or spelling', async () => {
    const answers = [
      await anonymous().get('/api/themes'),
      await anonymous().get('/API/Themes/'),
      await anonymous().get('/api/nothing'),
      await anonymous().head('/api/timeline'),
      await anonymous()
        .post('/api/themes')
        .send({ data: { name: 'x' } }),
      await anonymous().delete('/api/themes/nothing'),
      await request(baseUrl()).get('/_health'),
    ];
    for (const response of answers) {
      const { method, path } = response.request as unknown as { method: string; path: string };
      expect({ method, path, status: response.status, ...securityHeaders(response.headers) }).toEqual({
        method,
        path,
        status: response.status,
        csp: expect.stringContaining("default-src 'self'") as unknown,
        frame: 'SAMEORIGIN',
        hsts: 'max-age=31536000; includeSubDomains',
        nosniff: 'nosniff',
        referrer: 'no-referrer',
      });
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'self'");
    }
    // Under the admin's path, Strapi's own middleware answers (the test server runs with
    // NODE_ENV=test, where it lets the admin's bundler connect: ws: in connect-src).
    const admin = await request(baseUrl()).get('/admin/init');
    expect(admin.headers['content-security-policy']).toMatch(/connect-src[^;]*ws:/);
    expect((await anonymous().get('/api/themes')).headers['content-security-policy']).not.toMatch(/ws:/);
  });

  // The recorded headers are chosen on the path as Strapi's own middleware does (src/platform/
  // stock-middlewares.ts): every spelling of a route, whichever branch it takes, gets them all.
  it.each(['/admin/init', '/api/themes', '/_health'])(
    '%s: every spelling carries the security headers',
    async (route) => {
      for (const spelling of spellingsOf(route)) {
        const response = await request(baseUrl()).get(spelling);
        const headers = securityHeaders(response.headers);
        expect({ spelling, csp: headers.csp?.includes("default-src 'self'"), frame: headers.frame }).toEqual({
          spelling,
          csp: true,
          frame: 'SAMEORIGIN',
        });
      }
    },
  );

  it('a JSON body is still read (POST), and a GET has none', async () => {
    const response = await anonymous()
      .post('/api/themes')
      .set('Content-Type', 'application/json')
      .send('{"data": ');
    expect(response.status).toBe(400);
    expect(response.text).toMatch(/JSON|body/i);
    expect((await anonymous().get('/api/themes').set('Content-Type', 'application/json')).status).toBe(200);
  });
});

const securityHeaders = (headers: Record<string, string | undefined>) => ({
  csp: headers['content-security-policy'],
  frame: headers['x-frame-options'],
  hsts: headers['strict-transport-security'],
  nosniff: headers['x-content-type-options'],
  referrer: headers['referrer-policy'],
});

describe('a server with no CORS_ORIGINS', () => {
  let server: Instance;
  beforeAll(async () => {
    server = await startIsolatedInstance('no-cors', { CORS_ORIGINS: '' });
  });
  afterAll(() => server?.stop());

  it('sends no Access-Control-Allow-Origin at all, not even an empty one', async () => {
    for (const origin of [WEBSITE, 'null', 'https://evil.example.test']) {
      const response = await request(server.url).get('/api/themes').set('Origin', origin);
      expect(response.status).toBe(200);
      expect(Object.keys(response.headers)).not.toContain('access-control-allow-origin');
      const preflight = await request(server.url)
        .options('/api/themes')
        .set('Origin', origin)
        .set('Access-Control-Request-Method', 'GET');
      expect(Object.keys(preflight.headers)).not.toContain('access-control-allow-origin');
    }
  });
});
