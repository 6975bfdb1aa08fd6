import { associationWithAccount } from '../helpers/accounts';
import { declaredKeys } from '../helpers/public-types';
import { waitFor } from '../helpers/webhook-sink';
import { fundingLine, grantLine, SAMPLE_CITY_SIRET } from '../helpers/fundings';
import { anonymous, countAll, dataOf, errorOf, errorPaths, trusted, type Entry } from '../helpers/client';

/**
 * Funding lines (public money): amounts exact in cents, the rules of a line and of a grant, what
 * the public sees, and that associations never write one. The seed has no amount (the source gives
 * none): every line here is a fixture of this file.
 */

const setMissionSiret = async (siret: string | null): Promise<void> => {
  const response = await trusted.put('/api/mission', { data: { siret } });
  expect(response.status).toBe(200);
};

const created: string[] = [];
const keep = (response: { status: number; body: unknown }): Entry => {
  expect(response.status).toBe(201);
  const entry = (response.body as { data: Entry }).data;
  created.push(entry.documentId);
  return entry;
};

afterAll(async () => {
  for (const documentId of created) {
    // A failed deletion would leave lines for the next test files: it fails this one.
    expect((await trusted.delete(`/api/fundings/${documentId}`)).status).toBeLessThan(300);
  }
  await setMissionSiret(null);
});

describe('a funding line: its own rules, each refusal naming its field, nothing saved', () => {
  it.each([
    ['a decimal amount', { amountCents: '12.50' }, 'amountCents'],
    ['a float amount', { amountCents: 1250.5 }, 'amountCents'],
    ['a negative amount', { amountCents: '-100' }, 'amountCents'],
    ['a zero amount', { amountCents: 0 }, 'amountCents'],
    ['an amount in exponent notation', { amountCents: '1e5' }, 'amountCents'],
    ['no amount', { amountCents: undefined }, 'amountCents'],
    ['a year out of range', { fiscalYear: 1999 }, 'fiscalYear'],
    ['an unknown flow', { flow: 'promise' }, 'flow'],
    ['an unknown e-APD category', { apdCategory: 'tourism' }, 'apdCategory'],
    ['a share without the total', { shareBasisPoints: 4500 }, 'agreementTotalCents'],
    ['a share below 1 %', { shareBasisPoints: 50, agreementTotalCents: '9000000' }, 'shareBasisPoints'],
    ['a total below the line', { agreementTotalCents: '100' }, 'agreementTotalCents'],
    [
      'payments ending before they start',
      { paymentStart: '2024-05-01', paymentEnd: '2024-04-30' },
      'paymentEnd',
    ],
    ['"other" terms not described', { paymentTerms: 'other' }, 'paymentTermsDetail'],
  ])('%s', async (_, overrides, path) => {
    const before = await countAll('fundings');
    const response = await trusted.post('/api/fundings', { data: fundingLine(overrides) });
    expect(response.status).toBe(400);
    expect(errorOf(response).name).toBe('ValidationError');
    expect(errorPaths(response)).toContain(path);
    expect(await countAll('fundings')).toBe(before);
  });

  it.each(['agreementDate', 'nature', 'paymentTerms', 'paymentStart'])(
    "a grant's commitment without %s",
    async (field) => {
      const before = await countAll('fundings');
      const response = await trusted.post('/api/fundings?status=draft', {
        data: grantLine({ [field]: null }),
      });
      expect(response.status).toBe(400);
      expect(errorPaths(response)).toContain(field);
      expect(await countAll('fundings')).toBe(before);
    },
  );

  it('an update is checked against the stored line (a share set alone needs the stored total)', async () => {
    const entry = keep(await trusted.post('/api/fundings', { data: fundingLine() }));
    const refused = await trusted.put(`/api/fundings/${entry.documentId}`, {
      data: { shareBasisPoints: 4500 },
    });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused)).toContain('agreementTotalCents');
    const shown = await anonymous().get(`/api/fundings/${entry.documentId}`);
    expect(dataOf(shown).shareBasisPoints).toBe(10000);
  });
});

describe('amounts are exact, in cents, from input to output', () => {
  it.each([
    ['the largest amount', '999999999999999'],
    ['one cent', '1'],
    ['an amount that a float would round', '900719925474099'],
  ])('%s is read back digit for digit', async (_, cents) => {
    const entry = keep(await trusted.post('/api/fundings', { data: fundingLine({ amountCents: cents }) }));
    const shown = await anonymous().get(`/api/fundings/${entry.documentId}`);
    expect(shown.status).toBe(200);
    expect(dataOf(shown).amountCents).toBe(cents);
  });

  it('an integer in JSON is taken as cents too', async () => {
    const entry = keep(await trusted.post('/api/fundings', { data: fundingLine({ amountCents: 4200 }) }));
    const shown = await anonymous().get(`/api/fundings/${entry.documentId}`);
    expect(dataOf(shown).amountCents).toBe('4200');
  });
});

describe('a grant is published with an identified beneficiary and the city identified', () => {
  it('without its beneficiary: 400 naming it, nothing written', async () => {
    await setMissionSiret(SAMPLE_CITY_SIRET);
    const before = await countAll('fundings');
    const response = await trusted.post('/api/fundings', { data: grantLine() });
    expect(response.status).toBe(400);
    expect(errorPaths(response)).toContain('beneficiary');
    expect(await countAll('fundings')).toBe(before);
  });

  it('to an association with neither SIRET nor RNA: 400 naming the beneficiary', async () => {
    await setMissionSiret(SAMPLE_CITY_SIRET);
    const association = await trusted.post('/api/associations', {
      data: { name: 'Sans identifiant', slug: `test-sans-identifiant-${Date.now()}` },
    });
    expect(association.status).toBe(201);
    const before = await countAll('fundings');
    const response = await trusted.post('/api/fundings', {
      data: grantLine({ beneficiary: dataOf(association).documentId }),
    });
    expect(response.status).toBe(400);
    expect(errorPaths(response)).toContain('beneficiary');
    expect(errorOf(response).message).toMatch(/SIRET|RNA/);
    expect(await countAll('fundings')).toBe(before);
    await trusted.delete(`/api/associations/${dataOf(association).documentId}`);
  });

  it("while the Mission has no SIRET: 400, and the draft's publication too", async () => {
    await setMissionSiret(null);
    const association = await trusted.post('/api/associations', {
      data: { name: 'Identifiée RNA', slug: `test-rna-${Date.now()}`, rna: 'W380475558' },
    });
    const beneficiary = dataOf(association).documentId;
    const before = await countAll('fundings');
    const refused = await trusted.post('/api/fundings', { data: grantLine({ beneficiary }) });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused)).toContain('grant');
    expect(errorOf(refused).message).toMatch(/Mission/);
    expect(await countAll('fundings')).toBe(before);

    // Saved as a draft, it waits; published once the Mission's SIRET is set.
    const draft = keep(
      await trusted.post('/api/fundings?status=draft', { data: grantLine({ beneficiary }) }),
    );
    expect((await anonymous().get(`/api/fundings/${draft.documentId}`)).status).toBe(404);
    await setMissionSiret(SAMPLE_CITY_SIRET);
    const published = await trusted.put(`/api/fundings/${draft.documentId}`, { data: {} });
    expect(published.status).toBe(200);
    const shown = await anonymous().get(
      `/api/fundings/${draft.documentId}?populate[beneficiary][fields][0]=rna`,
    );
    expect(shown.status).toBe(200);
    expect(dataOf(shown)).toMatchObject({ grant: true, beneficiary: { rna: 'W380475558' } });
  });
});

describe('what the public sees of a funding line, and who writes one', () => {
  it('the internal note never leaves the admin, however asked', async () => {
    const entry = keep(
      await trusted.post('/api/fundings', { data: fundingLine({ internalNote: 'NOTE-INTERNE-SECRETE' }) }),
    );
    for (const path of [
      `/api/fundings/${entry.documentId}`,
      `/api/fundings/${entry.documentId}?fields[0]=internalNote`,
      '/api/fundings?populate=*',
      '/api/countries?populate[fundings][fields][0]=internalNote',
    ]) {
      const response = await anonymous().get(path);
      expect(JSON.stringify(response.body)).not.toContain('NOTE-INTERNE-SECRETE');
    }
    const filtered = await anonymous().get('/api/fundings?filters[internalNote][$contains]=SECRETE');
    expect(JSON.stringify(filtered.body)).not.toContain(entry.documentId);
  });

  it('every key of /api/fundings?populate=* is declared in Funding (types/public-api.ts)', async () => {
    keep(await trusted.post('/api/fundings', { data: fundingLine({ title: 'Ligne décrite' }) }));
    const response = await anonymous().get('/api/fundings?populate=*&pagination[pageSize]=100');
    const entries = dataOf<Array<Record<string, unknown>>>(response);
    expect(entries.length).toBeGreaterThan(0);
    const declared = new Set(declaredKeys('Funding'));
    for (const entry of entries) expect(Object.keys(entry).filter((key) => !declared.has(key))).toEqual([]);
  });

  it('staff delete a published line: gone from the API, and the website is told by its documentId', async () => {
    const created = await trusted.post('/api/fundings', { data: fundingLine({ title: 'À supprimer' }) });
    expect(created.status).toBe(201);
    const { documentId } = dataOf(created);
    const deleted = await trusted.delete(`/api/fundings/${documentId}`);
    expect(deleted.status).toBe(204);
    expect((await anonymous().get(`/api/fundings/${documentId}`)).status).toBe(404);
    await waitFor((hooks) =>
      hooks.some(
        (hook) =>
          hook.payload.event === 'delete' &&
          hook.payload.type === 'funding' &&
          hook.payload.documentId === documentId &&
          hook.payload.slug === null,
      ),
    );
  });

  it('a draft line is not public', async () => {
    const draft = keep(
      await trusted.post('/api/fundings?status=draft', { data: fundingLine({ title: 'Brouillon' }) }),
    );
    expect((await anonymous().get(`/api/fundings/${draft.documentId}`)).status).toBe(404);
    const list = await anonymous().get('/api/fundings?pagination[pageSize]=100');
    expect(dataOf<Entry[]>(list).map((entry) => entry.documentId)).not.toContain(draft.documentId);
  });

  it('an association account may read published lines but never write one', async () => {
    const { api } = await associationWithAccount('financement');
    const before = await countAll('fundings');
    const created = await api.post('/api/fundings', { data: fundingLine() });
    expect(created.status).toBe(403);
    const entry = keep(await trusted.post('/api/fundings', { data: fundingLine() }));
    expect((await api.put(`/api/fundings/${entry.documentId}`, { data: { amountCents: '1' } })).status).toBe(
      403,
    );
    expect((await api.delete(`/api/fundings/${entry.documentId}`)).status).toBe(403);
    expect((await api.get(`/api/fundings/${entry.documentId}`)).status).toBe(200);
    expect(await countAll('fundings')).toBe(before + 1);
  });
});
