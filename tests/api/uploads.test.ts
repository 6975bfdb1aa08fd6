import request from 'supertest';
import { associationWithAccount, type AssociationAccount } from '../helpers/accounts';
import { superAdmin } from '../helpers/admin';
import { anonymous, baseUrl, dataOf, errorOf, errorPaths } from '../helpers/client';
import { png } from '../helpers/images';

const fileCount = async (): Promise<number> => {
  const response = await (await superAdmin()).get('/upload/files?pageSize=1');
  return (response.body as { pagination: { total: number } }).pagination.total;
};

describe('images uploaded by association accounts', () => {
  let account: AssociationAccount;
  beforeAll(async () => {
    account = await associationWithAccount('images');
  });

  const upload = (content: Buffer, filename: string, contentType: string) =>
    request(baseUrl())
      .post('/api/upload')
      .set('Authorization', `Bearer ${account.jwt}`)
      .attach('files', content, { filename, contentType });

  it('a PNG is accepted, and can become the logo of the association (shown once staff publish)', async () => {
    const response = await upload(png(), 'logo.png', 'image/png');
    expect(response.status).toBe(201);
    const [file] = response.body as Array<{ id: number; mime: string }>;
    expect(file.mime).toBe('image/png');

    const profile = await account.api.put('/api/me/association', { data: { logo: file.id } });
    expect(profile.status).toBe(200);
    expect((dataOf(profile).logo as { mime: string }).mime).toBe('image/png');
    const publicProfile = await anonymous().get(`/api/associations/${account.associationId}?populate=logo`);
    expect(dataOf(publicProfile).logo).toBeNull();
  });

  it('an uploaded image illustrates a submitted action; an unknown file id is a 400', async () => {
    const uploaded = await upload(png(), 'photo.png', 'image/png');
    const [file] = uploaded.body as Array<{ id: number }>;
    const action = await account.api.post('/api/actions', {
      data: { title: 'Action illustrée', slug: 'test-action-illustree', actionType: 'event', image: file.id },
    });
    expect(action.status).toBe(201);
    expect((dataOf(action).image as { mime: string }).mime).toBe('image/png');
    const unknown = await account.api.post('/api/actions', {
      data: {
        title: 'Action mal illustrée',
        slug: 'test-action-mal-illustree',
        actionType: 'event',
        image: 999999,
      },
    });
    expect(unknown.status).toBe(400);
    expect(errorPaths(unknown)).toEqual(['image']);
    await account.api.delete(`/api/actions/${dataOf(action).documentId}`);
  });

  it.each([
    [
      'an SVG',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
      'dessin.svg',
      'image/svg+xml',
    ],
    [
      'an SVG renamed .png',
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"></svg>'),
      'faux.png',
      'image/png',
    ],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>'), 'page.jpg', 'image/jpeg'],
    ['a program', Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), 'photo.webp', 'image/webp'],
  ])('%s is refused with a clear message, and nothing is stored', async (_label, content, filename, type) => {
    const before = await fileCount();
    const response = await upload(content, filename, type);
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toContain(filename);
    expect(errorOf(response).message).toMatch(/JPEG, PNG or WebP/);
    expect(await fileCount()).toBe(before);
  });

  it('an image over 5 MB is refused', async () => {
    const big = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5 * 1024 * 1024)]);
    const response = await upload(big, 'grande.jpg', 'image/jpeg');
    expect(response.status).toBe(400);
    expect(errorOf(response).message).toMatch(/5 MB/);
  });

  it('replacing an existing file is refused', async () => {
    const response = await request(baseUrl())
      .post('/api/upload?id=1')
      .set('Authorization', `Bearer ${account.jwt}`)
      .attach('files', png(), { filename: 'remplace.png', contentType: 'image/png' });
    expect(response.status).toBe(403);
  });

  it('the public cannot upload, and a logo must be an uploaded image', async () => {
    const response = await request(baseUrl()).post('/api/upload').attach('files', png(), 'anonyme.png');
    expect([401, 403]).toContain(response.status);
    const wrong = await account.api.put('/api/me/association', { data: { logo: 999999 } });
    expect(wrong.status).toBe(400);
  });
});
