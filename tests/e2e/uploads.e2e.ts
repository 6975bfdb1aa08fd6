/**
 * Class 1, in a real browser: every file an association managed to upload, and files with scripts
 * that staff uploaded, are opened in a browser where a staff member is logged in to the admin
 * panel. No script may run: none may reach the server (an admin token would be a POST to
 * /admin/access-token with the refresh cookie).
 */
import crypto from 'node:crypto';
import request from 'supertest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { associationWithAccount } from '../helpers/accounts';
import { staffMember } from '../helpers/admin';
import { adminToken, baseUrl } from '../helpers/client';
import { image } from '../helpers/images';
import { launchBrowser, logIn, screenshot } from './browser';

/** What a script would do, were it to run: call home, then try for an admin token. */
const payload = (tag: string) =>
  `fetch('/api/pwned-${tag}');fetch('/admin/access-token',{method:'POST',credentials:'include'});`;

interface Uploaded {
  url: string;
  name: string;
}

describe('uploaded files cannot run scripts next to a logged-in staff member', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const seen: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    context = await browser.newContext();
    context.on('request', (req) => {
      const url = new URL(req.url());
      if (url.pathname.includes('pwned') || url.pathname.toLowerCase() === '/admin/access-token') {
        seen.push(`${req.method()} ${url.pathname}`);
      }
    });
    page = await context.newPage();
    const staff = await staffMember('Chargé·e de mission');
    await logIn(page, staff.email, staff.password);
  });
  afterAll(async () => {
    await browser.close();
  });

  /** Opens a file the way a staff member would (a link in the admin), and waits for scripts. */
  const open = async (url: string): Promise<void> => {
    seen.length = 0;
    await page.goto(`${baseUrl()}${url}`);
    await page.waitForTimeout(500);
  };

  it('the detector works: the same script on an ordinary page of the CMS origin is seen', async () => {
    const tag = 'control';
    await context.route('**/control-page.html', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<html><body><script>${payload(tag)}</script></body></html>`,
      }),
    );
    await open('/control-page.html');
    expect(seen).toContain(`GET /api/pwned-${tag}`);
    expect(seen).toContain('POST /admin/access-token');
  });

  it('every file an association uploaded, polyglots included, opens without running anything', async () => {
    const account = await associationWithAccount('e2e-polyglot');
    const uploads: Uploaded[] = [];
    const attempts: Array<[Buffer, string, string]> = [
      [
        Buffer.concat([await image('png'), Buffer.from(`<html><script>${payload('png')}</script></html>`)]),
        'x.png',
        'image/png',
      ],
      [
        Buffer.concat([await image('jpeg'), Buffer.from(`<script>${payload('html')}</script>`)]),
        'page.html',
        'text/html',
      ],
      [
        Buffer.concat([
          await image('webp'),
          Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>${payload('svg')}</script></svg>`),
        ]),
        'x.svg',
        'image/svg+xml',
      ],
      [
        Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>${payload('raw-svg')}</script></svg>`),
        'raw.svg',
        'image/svg+xml',
      ],
      [Buffer.from(`<!doctype html><script>${payload('raw-html')}</script>`), 'raw.html', 'text/html'],
    ];
    for (const [content, filename, contentType] of attempts) {
      for (const path of ['/api/upload', '/API/UPLOAD/', '/Api/Upload']) {
        const response = await request(baseUrl())
          .post(path)
          .set('Authorization', `Bearer ${account.jwt}`)
          .attach('files', content, { filename, contentType });
        if (response.status === 201) uploads.push(...(response.body as Uploaded[]));
      }
    }
    // The three images got through (cleaned), on every spelling; the raw SVG and HTML did not.
    expect(uploads).toHaveLength(9);
    for (const file of uploads) {
      await open(file.url);
      expect({ file: file.url, seen: [...seen] }).toEqual({ file: file.url, seen: [] });
    }
    await screenshot(page, '20-image-association-ouverte');
  });

  it('an SVG and an HTML page uploaded by staff (allowed in the admin) open sandboxed: nothing runs', async () => {
    for (const [name, type, body] of [
      [
        'staff.svg',
        'image/svg+xml',
        `<svg xmlns="http://www.w3.org/2000/svg"><script>${payload('staff-svg')}</script></svg>`,
      ],
      ['staff.html', 'text/html', `<!doctype html><script>${payload('staff-html')}</script>`],
    ]) {
      const response = await request(baseUrl())
        .post('/upload')
        .set('Authorization', `Bearer ${await adminToken()}`)
        .attach('files', Buffer.from(body), {
          filename: `${crypto.randomBytes(3).toString('hex')}-${name}`,
          contentType: type,
        });
      expect(response.status).toBe(201);
      const [file] = response.body as Uploaded[];
      await open(file.url);
      expect({ file: file.url, seen: [...seen] }).toEqual({ file: file.url, seen: [] });
    }
  });
});
