import request from 'supertest';
import {
  adminToken,
  anonymous,
  baseUrl,
  countAll,
  dataOf,
  errorOf,
  errorPaths,
  trusted,
  documentIdOf,
} from '../helpers/client';

/** POSTs through the trusted client and checks: 400 ValidationError naming `path`, nothing saved. */
const expectRefusedCreate = async (
  plural: string,
  data: Record<string, unknown>,
  path: string,
): Promise<void> => {
  const before = await countAll(plural);
  const response = await trusted.post(`/api/${plural}`, { data });
  expect(response.status).toBe(400);
  expect(errorOf(response).name).toBe('ValidationError');
  expect(errorPaths(response)).toContain(path);
  expect(await countAll(plural)).toBe(before);
};

describe('validation: bad input is a 400 naming the field, and nothing is saved', () => {
  it.each([
    ['partnerships', { slug: 'test-sans-titre', partnerName: 'x' }, 'title'],
    [
      'partnerships',
      { title: 'x', slug: 'test-etat', partnerName: 'x', partnershipState: 'frozen' },
      'partnershipState',
    ],
    ['partnerships', { title: 'x', slug: 'test-date', partnerName: 'x', startDate: '2011-13' }, 'startDate'],
    [
      'partnerships',
      { title: 'x', slug: 'test-date-2', partnerName: 'x', startDate: '2011-02-30' },
      'startDate',
    ],
    [
      'partnerships',
      { title: 'x', slug: 'test-lieu', partnerName: 'x', location: { latitude: 95, longitude: 0 } },
      'location.latitude',
    ],
    ['partnerships', { title: 'x', slug: 'quebec-education', partnerName: 'x' }, 'slug'],
    ['partnerships', { title: 'x', slug: 'pas un slug', partnerName: 'x' }, 'slug'],
    ['partnerships', { title: 'x'.repeat(201), slug: 'test-long', partnerName: 'x' }, 'title'],
    ['delegations', { title: 'x', slug: 'test-sens', direction: 'sideways' }, 'direction'],
    [
      'delegations',
      { title: 'x', slug: 'test-dates', direction: 'incoming', startDate: '2011-05', endDate: '2010-12' },
      'endDate',
    ],
    [
      'delegations',
      { title: 'x', slug: 'test-membre', direction: 'incoming', members: [{ name: '', role: ' ' }] },
      'members.0',
    ],
    ['actions', { title: 'x', slug: 'test-type' }, 'actionType'],
    [
      'actions',
      { title: 'x', slug: 'test-qte', actionType: 'event', quantity: { amount: -1, unit: 'tonne' } },
      'quantity.amount',
    ],
    [
      'actions',
      { title: 'x', slug: 'test-fin', actionType: 'event', startDate: '2012', endDate: '2011-06' },
      'endDate',
    ],
    ['school-exchanges', { title: 'x', slug: 'test-annee', schoolYear: '2011-2013' }, 'schoolYear'],
    ['school-exchanges', { title: 'x', slug: 'test-eleves', pupilCount: -3 }, 'pupilCount'],
    ['countries', { name: 'Nowhere', slug: 'nowhere', isoCode: 'ZZ', continent: 'europe' }, 'isoCode'],
    ['countries', { name: 'Lower', slug: 'lower', isoCode: 'fr', continent: 'europe' }, 'isoCode'],
    ['countries', { name: 'Gabon bis', slug: 'gabon-bis', isoCode: 'GA', continent: 'africa' }, 'isoCode'],
    ['countries', { name: 'Mars', slug: 'mars', isoCode: 'MA', continent: 'mars' }, 'continent'],
    ['countries', { name: 'Sans code', slug: 'sans-code', continent: 'europe' }, 'isoCode'],
    ['schools', { name: 'x', slug: 'test-niveau', level: 'university' }, 'level'],
    ['associations', { name: 'x', slug: 'test-mail', email: 'not-an-email' }, 'email'],
    ['associations', { name: 'x', slug: 'test-site', website: 'javascript:alert(1)' }, 'website'],
    ['associations', { name: 'x', slug: 'test-siret', siret: '21060004500393' }, 'siret'],
    ['associations', { name: 'x', slug: 'test-siret-2', siret: '2106000450039' }, 'siret'],
    ['associations', { name: 'x', slug: 'test-rna', rna: '0123456789' }, 'rna'],
    ['themes', { name: 'x', slug: 'test-cad', dacSectorCode: '1122' }, 'dacSectorCode'],
  ])('POST /api/%s with %j is refused on %s', async (plural, data, path) => {
    await expectRefusedCreate(plural, data, path);
  });

  it('an end date at the same year as a precise start date is accepted ("2011" covers "2011-05")', async () => {
    const response = await trusted.post('/api/delegations?status=draft', {
      data: {
        title: 'Dates larges',
        slug: 'test-dates-larges',
        direction: 'incoming',
        startDate: '2011-05',
        endDate: '2011',
      },
    });
    expect(response.status).toBe(201);
    await trusted.delete(`/api/delegations/${dataOf(response).documentId}`);
  });

  it('an update that puts the end before the stored start is refused and leaves the entry as it was', async () => {
    const id = await documentIdOf('delegations', 'delegation-gabonaise-komo-mondah-2011');
    const response = await trusted.put(`/api/delegations/${id}`, { data: { endDate: '2010-01' } });
    expect(response.status).toBe(400);
    expect(errorPaths(response)).toEqual(['endDate']);
    const after = await anonymous().get(`/api/delegations/${id}`);
    expect(dataOf(after)).toMatchObject({ startDate: '2011-05', endDate: '2011-05' });
  });

  it('a relation to an entry that does not exist is a 400, not a 500', async () => {
    const before = await countAll('actions');
    const response = await trusted.post('/api/actions', {
      data: { title: 'x', slug: 'test-relation', actionType: 'event', country: 'no-such-document-id' },
    });
    expect(response.status).toBe(400);
    expect(await countAll('actions')).toBe(before);
  });

  it('the same rules hold in the admin panel (Content Manager API)', async () => {
    const token = await adminToken();
    const uid = 'api::delegation.delegation';
    const before = await countAll('delegations');
    const response = await request(baseUrl())
      .post(`/content-manager/collection-types/${uid}`)
      .set('Authorization', `Bearer ${token}`)
      .send({
        title: 'Admin',
        slug: 'test-admin',
        direction: 'incoming',
        startDate: '2011-05',
        endDate: '2010',
      });
    expect(response.status).toBe(400);
    expect(errorPaths(response)).toContain('endDate');
    expect(await countAll('delegations')).toBe(before);
  });

  it('registry identifiers that pass their checks are accepted and public (SIRET, RNA, DAC sector code)', async () => {
    const association = await trusted.post('/api/associations', {
      data: { name: 'Identifiée', slug: 'test-identifiants', siret: '52499120500013', rna: 'W333216789' },
    });
    expect(association.status).toBe(201);
    const id = dataOf(association).documentId;
    const shown = await anonymous().get(`/api/associations/${id}`);
    expect(dataOf(shown)).toMatchObject({ siret: '52499120500013', rna: 'W333216789' });
    await trusted.delete(`/api/associations/${id}`);

    const theme = await trusted.post('/api/themes', {
      data: { name: 'Enseignement primaire', slug: 'test-cad-valide', dacSectorCode: '11220' },
    });
    expect(theme.status).toBe(201);
    expect(dataOf(theme).dacSectorCode).toBe('11220');
    await trusted.delete(`/api/themes/${dataOf(theme).documentId}`);
  });

  it("the Mission's SIRET and IATI organisation identifier are checked, and public once set", async () => {
    for (const [data, path] of [
      [{ siret: '21910174700015' }, 'siret'],
      [{ iatiOrganisationId: 'pas un identifiant' }, 'iatiOrganisationId'],
    ] as const) {
      const refused = await trusted.put('/api/mission', { data });
      expect(refused.status).toBe(400);
      expect(errorPaths(refused)).toContain(path);
    }
    // A documented sample (the SCDL example's city, Antibes), put back afterwards.
    const sample = { siret: '21060004500392', iatiOrganisationId: 'FR-SIRET-21060004500392' };
    const saved = await trusted.put('/api/mission', { data: sample });
    expect(saved.status).toBe(200);
    expect(dataOf(await anonymous().get('/api/mission'))).toMatchObject(sample);
    expect(
      (await trusted.put('/api/mission', { data: { siret: null, iatiOrganisationId: null } })).status,
    ).toBe(200);
  });

  it('the countries on the DAC list of ODA recipients say so (seed: Gabon only)', async () => {
    const response = await anonymous().get(
      '/api/countries?fields[0]=isoCode&fields[1]=odaEligible&sort=isoCode',
    );
    const flags = Object.fromEntries(
      dataOf<Array<{ isoCode: string; odaEligible: boolean }>>(response).map((country) => [
        country.isoCode,
        country.odaEligible,
      ]),
    );
    expect(flags).toMatchObject({ CA: false, GA: true, NO: false, US: false });
  });

  it('a country created with a valid ISO code is accepted', async () => {
    const response = await trusted.post('/api/countries', {
      data: { name: 'Québec test', slug: 'test-pays-valide', isoCode: 'BE', continent: 'europe' },
    });
    expect(response.status).toBe(201);
    await trusted.delete(`/api/countries/${dataOf(response).documentId}`);
  });
});
