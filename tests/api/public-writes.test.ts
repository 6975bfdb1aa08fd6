import { anonymous, COLLECTIONS, countAll, dataOf, type Entry } from '../helpers/client';

describe('the public cannot write', () => {
  it.each(COLLECTIONS)('POST /api/%s is refused and creates nothing', async (plural) => {
    const before = await countAll(plural);
    const response = await anonymous()
      .post(`/api/${plural}`)
      .send({
        data: {
          title: 'Intrus',
          name: 'Intrus',
          slug: 'intrus',
          partnerName: 'x',
          isoCode: 'FR',
          continent: 'europe',
        },
      });
    expect([401, 403]).toContain(response.status);
    expect(await countAll(plural)).toBe(before);
  });

  it.each(COLLECTIONS)(
    'PUT and DELETE /api/%s/:documentId are refused and change nothing',
    async (plural) => {
      const list = await anonymous().get(`/api/${plural}`);
      const entries = dataOf<Entry[]>(list);
      if (entries.length === 0) {
        // associations: the seed has none; the refusal does not depend on the target existing.
        expect([401, 403]).toContain((await anonymous().delete(`/api/${plural}/anything`)).status);
        return;
      }
      const target = entries[0];
      const put = await anonymous()
        .put(`/api/${plural}/${target.documentId}`)
        .send({ data: { slug: 'vandalised' } });
      expect([401, 403]).toContain(put.status);
      const del = await anonymous().delete(`/api/${plural}/${target.documentId}`);
      expect([401, 403]).toContain(del.status);
      const after = await anonymous().get(`/api/${plural}/${target.documentId}`);
      expect(after.status).toBe(200);
      expect(dataOf(after).slug).toBe(target.slug);
    },
  );

  it('PUT and DELETE /api/mission are refused', async () => {
    expect([401, 403]).toContain(
      (
        await anonymous()
          .put('/api/mission')
          .send({ data: { name: 'x' } })
      ).status,
    );
    expect([401, 403]).toContain((await anonymous().delete('/api/mission')).status);
    expect(dataOf(await anonymous().get('/api/mission')).name).toBe('Mission des relations extérieures');
  });

  it('self-registration is closed', async () => {
    const response = await anonymous()
      .post('/api/auth/local/register')
      .send({ username: 'intrus', email: 'intrus@example.org', password: 'Passw0rd-long!' });
    expect([401, 403]).toContain(response.status);
  });

  it('a forged bearer token is a 401', async () => {
    const response = await anonymous()
      .post('/api/themes')
      .set('Authorization', 'Bearer forged')
      .send({ data: { name: 'x' } });
    expect(response.status).toBe(401);
  });
});
