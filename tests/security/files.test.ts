/**
 * Class 1, files: an association may only upload new, clean images, and attach only what its own
 * account uploaded; whatever is served from /uploads cannot run as the CMS.
 */
import request from 'supertest';
import sharp from 'sharp';
import { associationWithAccount, updateAccount, type AssociationAccount } from '../helpers/accounts';
import { adminToken, baseUrl, dataOf, errorOf, errorPaths } from '../helpers/client';
import { image, png } from '../helpers/images';

interface Uploaded {
  id: number;
  url: string;
  mime: string;
  ext: string;
  name: string;
}

const SCRIPT = '<html><script>fetch("/admin/access-token",{method:"POST"})</script></html>';

const uploadAs = (account: AssociationAccount, content: Buffer, filename: string, type = 'image/png') =>
  request(baseUrl())
    .post('/api/upload')
    .set('Authorization', `Bearer ${account.jwt}`)
    .attach('files', content, { filename, contentType: type });

const stored = async (file: Uploaded): Promise<Buffer> => {
  const response = await request(baseUrl())
    .get(file.url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        done(null, Buffer.concat(chunks));
      });
    });
  expect(response.status).toBe(200);
  return response.body as Buffer;
};

describe("an association's uploads are decoded and encoded again", () => {
  let account: AssociationAccount;
  beforeAll(async () => {
    account = await associationWithAccount('reencode');
  });

  it.each([
    ['a PNG with an HTML page appended', 'png' as const, 'image/png'],
    ['a JPEG with a script appended', 'jpeg' as const, 'image/jpeg'],
    ['a WebP with a script appended', 'webp' as const, 'image/webp'],
  ])('%s is stored as a clean image of its format, without what was appended', async (_l, format, mime) => {
    const polyglot = Buffer.concat([await image(format), Buffer.from(SCRIPT)]);
    const response = await uploadAs(account, polyglot, `photo.${format}`, mime);
    expect(response.status).toBe(201);
    const [file] = response.body as Uploaded[];
    expect(file.mime).toBe(mime);
    const bytes = await stored(file);
    expect(bytes.includes(Buffer.from('<script'))).toBe(false);
    expect((await sharp(bytes).metadata()).format).toBe(format);
  });

  it('an image named .html or .svg is stored under its real extension and type', async () => {
    for (const name of ['page.html', 'dessin.svg', 'sans-extension']) {
      const response = await uploadAs(account, await image('png'), name, 'text/html');
      expect(response.status).toBe(201);
      const [file] = response.body as Uploaded[];
      expect(file).toMatchObject({ ext: '.png', mime: 'image/png' });
      expect(file.url).toMatch(/\.png$/);
    }
  });

  it('a header claiming 12,000 × 12,000 pixels is refused at once, before any decoding', async () => {
    const started = Date.now();
    const response = await uploadAs(
      account,
      png({ width: 12_000, height: 12_000, pixels: Buffer.alloc(64) }),
      'bombe.png',
    );
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toMatch(/bombe\.png: has more than 50 million pixels/);
    // Decoding it took 15 s and 0.8 GB; refusing it from its header takes a blink even on a busy machine.
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('an image whose header is right but whose pixels are garbage is refused with its name', async () => {
    const response = await uploadAs(
      account,
      png({ width: 64, height: 64, pixels: Buffer.from('not deflate data') }),
      'casse.png',
    );
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toMatch(/casse\.png/);
  });

  it('ref, refId and field (linking a file to any entry) are refused, and so are unknown file infos', async () => {
    for (const [field, value] of [
      ['ref', 'api::partnership.partnership'],
      ['refId', '1'],
      ['field', 'image'],
      ['path', '/tmp'],
    ]) {
      const response = await request(baseUrl())
        .post('/api/upload')
        .set('Authorization', `Bearer ${account.jwt}`)
        .field(field, value)
        .attach('files', png(), { filename: 'lien.png', contentType: 'image/png' });
      expect(response.status).toBe(400);
      expect(errorPaths(response)).toEqual([field]);
    }
    const info = await request(baseUrl())
      .post('/api/upload')
      .set('Authorization', `Bearer ${account.jwt}`)
      .field('fileInfo', JSON.stringify({ name: 'ok.png', folder: 1 }))
      .attach('files', png(), { filename: 'info.png', contentType: 'image/png' });
    expect(info.status).toBe(400);
    expect(errorPaths(info)).toEqual(['fileInfo.folder']);
  });
});

describe('an association attaches only the files its own account uploaded', () => {
  let mine: AssociationAccount;
  let other: AssociationAccount;
  beforeAll(async () => {
    mine = await associationWithAccount('owner');
    other = await associationWithAccount('stranger');
  });

  it("another association's file, or a file of the Mission's, is a 400 naming the field; its own is accepted", async () => {
    const theirs = ((await uploadAs(other, png(), 'autre.png')).body as Uploaded[])[0];
    const staff = await request(baseUrl())
      .post('/upload')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .attach('files', png(), { filename: 'mission.png', contentType: 'image/png' });
    const missions = (staff.body as Uploaded[])[0];
    const own = ((await uploadAs(mine, png(), 'moi.png')).body as Uploaded[])[0];

    for (const id of [theirs.id, missions.id]) {
      const action = await mine.api.post('/api/actions', {
        data: { title: 'Image volée', slug: `test-image-volee-${id}`, actionType: 'event', image: id },
      });
      expect(action.status).toBe(400);
      expect(errorPaths(action)).toEqual(['image']);
      const logo = await mine.api.put('/api/me/association', { data: { logo: id } });
      expect(logo.status).toBe(400);
      expect(errorPaths(logo)).toEqual(['logo']);
    }
    const accepted = await mine.api.post('/api/actions', {
      data: { title: 'Image à moi', slug: 'test-image-a-moi', actionType: 'event', image: own.id },
    });
    expect(accepted.status).toBe(201);
    await mine.api.delete(`/api/actions/${dataOf(accepted).documentId}`);
  });

  it('an account no longer linked to an association cannot upload', async () => {
    const loose = await associationWithAccount('unlinked');
    expect((await updateAccount(loose.accountId, { association: null })).status).toBe(200);
    const response = await uploadAs(loose, png(), 'orphelin.png');
    expect(response.status).toBe(403);
    expect(errorOf(response).message).toMatch(/not linked to an association/);
  });
});

describe('files served from /uploads cannot run scripts', () => {
  it('every served file, including an SVG staff uploaded, is sandboxed and not sniffed, on every static path', async () => {
    const svg = await request(baseUrl())
      .post('/upload')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .attach(
        'files',
        Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`),
        {
          filename: 'staff.svg',
          contentType: 'image/svg+xml',
        },
      );
    expect(svg.status).toBe(201);
    const { url } = (svg.body as Uploaded[])[0];
    expect((await request(baseUrl()).get(url)).status).toBe(200);
    const paths = [
      url,
      `/${url}`,
      url.toUpperCase(),
      `${url}/`,
      url.replace('/uploads/', '/uploads/./'),
      `${url}?x=1`,
    ];
    for (const path of paths) {
      const response = await request(baseUrl()).get(path);
      if (response.status !== 200) {
        // Not served at all under that spelling ("Malicious Path", not found): nothing to run.
        expect({ path, refused: response.status >= 400 }).toEqual({ path, refused: true });
        continue;
      }
      expect(response.headers['content-security-policy']).toMatch(/^sandbox;/);
      expect(response.headers['content-security-policy']).toMatch(/default-src 'none'/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    }
    const ranged = await request(baseUrl()).get(url).set('Range', 'bytes=0-10');
    expect(ranged.status).toBe(206);
    expect(ranged.headers['content-security-policy']).toMatch(/^sandbox;/);
  });
});
