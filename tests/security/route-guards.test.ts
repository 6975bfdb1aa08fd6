/**
 * Class 1 of the attack report: guards that another spelling of the URL skipped. Each guard is now
 * bound to its route; every guarded request is tried under every spelling the router accepts.
 */
import request from 'supertest';
import { associationWithAccount, type AssociationAccount } from '../helpers/accounts';
import { superAdmin } from '../helpers/admin';
import { adminToken, anonymous, baseUrl } from '../helpers/client';
import { image, png } from '../helpers/images';
import { spellingsOf } from '../helpers/spellings';

/** Refused by the guard (403), or never routed to the handler (a percent-encoded spelling). */
const REFUSED_OR_UNROUTED = [403, 404, 405];

interface StoredFile {
  id: number;
  url: string;
  hash: string;
  name: string;
  updatedAt: string;
}

const files = async (): Promise<StoredFile[]> => {
  const response = await (await superAdmin()).get('/upload/files?pageSize=100&sort=id:desc');
  return (response.body as { results: StoredFile[] }).results;
};

const fileCount = async (): Promise<number> => {
  const response = await (await superAdmin()).get('/upload/files?pageSize=1');
  return (response.body as { pagination: { total: number } }).pagination.total;
};

/** A file of the Mission's, uploaded by staff in the admin panel. */
const staffFile = async (): Promise<StoredFile> => {
  const response = await request(baseUrl())
    .post('/upload')
    .set('Authorization', `Bearer ${await adminToken()}`)
    .attach('files', await image('png'), { filename: 'mission.png', contentType: 'image/png' });
  expect(response.status).toBe(201);
  return (response.body as StoredFile[])[0];
};

describe('the upload guard holds on every spelling of POST /api/upload', () => {
  let account: AssociationAccount;
  beforeAll(async () => {
    account = await associationWithAccount('spellings');
  });

  const upload = (path: string, content: Buffer, filename: string, type: string) =>
    request(baseUrl())
      .post(path)
      .set('Authorization', `Bearer ${account.jwt}`)
      .attach('files', content, { filename, contentType: type });

  const refusedEverywhere: Array<[string, Buffer, string, string]> = [
    [
      'an SVG with a script',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'x.svg',
      'image/svg+xml',
    ],
    [
      'an HTML page',
      Buffer.from('<!doctype html><script>fetch("/admin/access-token")</script>'),
      'x.html',
      'text/html',
    ],
    ['a JavaScript file', Buffer.from('alert(document.cookie)'), 'x.js', 'text/javascript'],
    [
      'a file over 5 MB',
      Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024 + 1)]),
      'big.jpg',
      'image/jpeg',
    ],
  ];

  it.each(refusedEverywhere)(
    '%s is refused under every spelling, and nothing is stored',
    async (_l, content, name, type) => {
      const before = await fileCount();
      for (const path of spellingsOf('/api/upload')) {
        const response = await upload(path, content, name, type);
        const refused = response.status >= 400 && response.status < 500;
        expect({ path, refused }).toEqual({ path, refused: true });
      }
      expect(await fileCount()).toBe(before);
    },
  );

  it('replacing or renaming a file with ?id= is refused under every spelling, and the file is unchanged', async () => {
    const target = await staffFile();
    for (const path of spellingsOf(`/api/upload?id=${target.id}`)) {
      const replaced = await upload(path, await image('png'), 'remplace.png', 'image/png');
      expect(REFUSED_OR_UNROUTED).toContain(replaced.status);
      const renamed = await request(baseUrl())
        .post(path)
        .set('Authorization', `Bearer ${account.jwt}`)
        .field('fileInfo', JSON.stringify({ name: 'renamed.png' }));
      expect(REFUSED_OR_UNROUTED).toContain(renamed.status);
    }
    const after = (await files()).find((file) => file.id === target.id);
    expect(after).toMatchObject({ hash: target.hash, url: target.url, name: target.name });
  });

  it('a real image is accepted under each spelling the router serves', async () => {
    for (const path of spellingsOf('/api/upload').filter((p) => !p.includes('%'))) {
      const response = await upload(path, await image('jpeg'), 'photo.jpg', 'image/jpeg');
      expect({ path, status: response.status }).toEqual({ path, status: 201 });
    }
  });
});

describe('the query limits hold on every spelling of a content-API route', () => {
  const tooDeep =
    'populate[actions][populate][country][populate][partnerships][populate][themes][populate][actions]=true';
  it.each(['/api/partnerships', '/api/countries', '/api/actions'])(
    '%s with a populate too deep is a 400',
    async (route) => {
      for (const path of spellingsOf(`${route}?${tooDeep}`)) {
        const response = await anonymous().get(path);
        if (path.includes('%') && response.status === 404) continue; // no route: nothing was read
        expect({ path, status: response.status }).toEqual({ path, status: 400 });
        expect((response.body as { error: { message: string } }).error.message).toMatch(/^populate/);
      }
    },
  );

  it('a query string too long is a 400 under every spelling', async () => {
    for (const path of spellingsOf(`/api/themes?filters[name][$eq]=${'x'.repeat(4100)}`)) {
      const response = await anonymous().get(path);
      expect(path.includes('%') ? [400, 404] : [400]).toContain(response.status);
    }
  });
});

describe('cache headers are set on every spelling of a content-API route', () => {
  it('an anonymous GET has an ETag and public Cache-Control, and a matching If-None-Match is a 304', async () => {
    for (const path of spellingsOf('/api/themes').filter((p) => !p.includes('%'))) {
      const response = await anonymous().get(path);
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      expect(response.headers.etag).toMatch(/^"/);
      expect(response.headers['cache-control']).toMatch(/^public/);
      const again = await anonymous().get(path).set('If-None-Match', response.headers.etag);
      expect(again.status).toBe(304);
    }
  });
});

describe('files cannot be listed, replaced or deleted by an association, on any path', () => {
  let account: AssociationAccount;
  beforeAll(async () => {
    account = await associationWithAccount('deleter');
  });

  it('DELETE /api/upload/files/:id is refused under every spelling, and the file stays', async () => {
    const target = await staffFile();
    for (const path of spellingsOf(`/api/upload/files/${target.id}`)) {
      const response = await account.api.delete(path);
      expect(REFUSED_OR_UNROUTED).toContain(response.status);
    }
    expect((await files()).some((file) => file.id === target.id)).toBe(true);
  });

  it('the file list and a file by id are not readable by an association or the public', async () => {
    const target = await staffFile();
    for (const path of [
      ...spellingsOf('/api/upload/files'),
      ...spellingsOf(`/api/upload/files/${target.id}`),
    ]) {
      expect(REFUSED_OR_UNROUTED).toContain((await account.api.get(path)).status);
      expect([401, ...REFUSED_OR_UNROUTED]).toContain((await anonymous().get(path)).status);
    }
  });

  it('png() helper is a real image (sanity check of the fixtures)', async () => {
    const response = await request(baseUrl())
      .post('/api/upload')
      .set('Authorization', `Bearer ${account.jwt}`)
      .attach('files', png(), { filename: 'tiny.png', contentType: 'image/png' });
    expect(response.status).toBe(201);
  });
});
