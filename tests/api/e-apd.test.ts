import { parse } from 'csv-parse/sync';
import { associationWithAccount } from '../helpers/accounts';
import { staffWithRole } from '../helpers/admin';
import { anonymous, dataOf, documentIdOf, errorPaths, trusted, type Entry } from '../helpers/client';
import type { DeclarationLine, DeclarationTotals } from '../../src/api/export/services/e-apd';

/**
 * The e-APD declaration of a fiscal year: what counts, what does not and why, exact sums, for the
 * staff only (an API token, the Chargé·e de mission in the admin panel), as JSON and as a CSV for a
 * French spreadsheet. Fixtures use fiscal years of their own (2031, 2032): the seed has no amount.
 */

interface Declaration {
  year: number;
  currency: string;
  lines: DeclarationLine[];
  totals: DeclarationTotals;
}

const YEAR = 2031;
const created: string[] = [];
const create = async (data: Record<string, unknown>, status = ''): Promise<Entry> => {
  const response = await trusted.post(`/api/fundings${status}`, {
    data: { fiscalYear: YEAR, flow: 'disbursement', ...data },
  });
  if (response.status !== 201)
    throw new Error(`funding: ${response.status} ${JSON.stringify(response.body)}`);
  const entry = dataOf(response);
  created.push(entry.documentId);
  return entry;
};

let beneficiary: string;

beforeAll(async () => {
  const gabon = await documentIdOf('countries', 'gabon');
  const canada = await documentIdOf('countries', 'canada');
  const { associationId } = await associationWithAccount('eapd');
  beneficiary = associationId;
  await trusted.put(`/api/associations/${associationId}`, {
    data: { name: '=HYPERLINK("http://x.example")' },
  });
  await create({
    title: 'Coopération Estuaire',
    amountCents: '1234567',
    apdCategory: 'decentralised-cooperation',
    country: gabon,
  });
  await create({
    title: 'Projet école Owendo',
    amountCents: '2000001',
    apdCategory: 'development-grant',
    country: gabon,
    beneficiary,
  });
  await create({ title: 'Semaine de la solidarité', amountCents: '99', apdCategory: 'awareness' });
  await create({
    title: 'Engagement 2031',
    amountCents: '5000000',
    apdCategory: 'decentralised-cooperation',
    country: gabon,
    flow: 'commitment',
  });
  await create({
    title: 'Échange Québec',
    amountCents: '700000',
    apdCategory: 'decentralised-cooperation',
    country: canada,
  });
  await create({ title: 'Réception protocolaire', amountCents: '30000', apdCategory: 'not-oda' });
  await create({ title: 'Brouillon 2031', amountCents: '1', apdCategory: 'awareness' }, '?status=draft');
  await create({ title: 'Autre année', amountCents: '1', apdCategory: 'awareness', fiscalYear: 2030 });
  await create({
    title: 'Grand A',
    amountCents: '999999999999999',
    apdCategory: 'multilateral',
    fiscalYear: 2032,
  });
  await create({
    title: 'Grand B',
    amountCents: '999999999999999',
    apdCategory: 'multilateral',
    fiscalYear: 2032,
  });
});

afterAll(async () => {
  for (const documentId of created) {
    // A failed deletion would leave lines for the next test files: it fails this one.
    expect((await trusted.delete(`/api/fundings/${documentId}`)).status).toBeLessThan(300);
  }
});

const declarationOf = async (year: number): Promise<Declaration> => {
  const response = await trusted.get(`/api/exports/e-apd/${year}`);
  expect(response.status).toBe(200);
  return (response.body as { data: Declaration }).data;
};

describe('GET /api/exports/e-apd/{year} (staff API token)', () => {
  it('declares the disbursements of the year to ODA-eligible countries or without a country, with exact totals', async () => {
    const declaration = await declarationOf(YEAR);
    expect(declaration).toMatchObject({ year: YEAR, currency: 'EUR' });
    expect(declaration.totals.declared).toEqual({ amountCents: '3234667', lineCount: 3 });
    expect(declaration.totals.byCategory).toEqual([
      expect.objectContaining({
        category: 'decentralised-cooperation',
        amountCents: '1234567',
        lineCount: 1,
      }),
      expect.objectContaining({ category: 'development-grant', amountCents: '2000001', lineCount: 1 }),
      expect.objectContaining({ category: 'awareness', amountCents: '99', lineCount: 1 }),
    ]);
    expect(declaration.totals.byCountry).toEqual([
      { isoCode: 'GA', name: 'Gabon', amountCents: '3234568', lineCount: 2 },
      { isoCode: null, name: 'Non ventilé par pays', amountCents: '99', lineCount: 1 },
    ]);
  });

  it('lists every published line of the year, and says why each excluded one is', async () => {
    const declaration = await declarationOf(YEAR);
    const byTitle = new Map(declaration.lines.map((line) => [line.title, line]));
    expect([...byTitle.keys()].sort()).toEqual(
      [
        'Coopération Estuaire',
        'Projet école Owendo',
        'Semaine de la solidarité',
        'Engagement 2031',
        'Échange Québec',
        'Réception protocolaire',
      ].sort(),
    );
    expect(byTitle.get('Engagement 2031')?.exclusion?.reason).toBe('not-disbursed');
    expect(byTitle.get('Échange Québec')?.exclusion?.reason).toBe('country-not-oda-eligible');
    expect(byTitle.get('Réception protocolaire')?.exclusion?.reason).toBe('not-oda-category');
    expect(byTitle.get('Coopération Estuaire')).toMatchObject({ declared: true, exclusion: null });
    expect(declaration.totals.excluded).toEqual({ amountCents: '5730000', lineCount: 3 });
  });

  it('adds amounts beyond what a float holds exactly', async () => {
    const declaration = await declarationOf(2032);
    expect(declaration.totals.declared.amountCents).toBe('1999999999999998');
  });

  it('is streamed, with an ETag that revalidates', async () => {
    const first = await trusted.get(`/api/exports/e-apd/${YEAR}`);
    expect(first.headers['transfer-encoding']).toBe('chunked');
    expect(first.headers['cache-control']).toMatch(/private/);
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await trusted.get(`/api/exports/e-apd/${YEAR}`).set('If-None-Match', etag);
    expect(again.status).toBe(304);
  });

  it.each(['20x5', '1999', '2101', '31'])('refuses the year %s with a 400 naming it', async (year) => {
    const response = await trusted.get(`/api/exports/e-apd/${year}`);
    expect(response.status).toBe(400);
    expect(errorPaths(response)).toContain('year');
  });

  it('is for staff only: neither the public nor an association account', async () => {
    expect((await anonymous().get(`/api/exports/e-apd/${YEAR}`)).status).toBe(403);
    expect((await anonymous().get(`/api/exports/e-apd/${YEAR}.csv`)).status).toBe(403);
    const { api } = await associationWithAccount('eapd-lecture');
    expect((await api.get(`/api/exports/e-apd/${YEAR}`)).status).toBe(403);
    expect((await api.get(`/api/exports/E-APD/${YEAR}/`)).status).toBe(403);
  });
});

describe('the CSV for a French spreadsheet', () => {
  const csvOf = async (
    get: () => Promise<{ status: number; body: unknown; headers: Record<string, string> }>,
  ) => {
    const response = await get();
    expect(response.status).toBe(200);
    return { response, bytes: response.body as Buffer };
  };
  const asBuffer = (path: string) =>
    trusted
      .get(path)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          done(null, Buffer.concat(chunks));
        });
      });

  it('is UTF-8 with a BOM, separated by semicolons, with decimal commas, and its cells never run', async () => {
    const { response, bytes } = await csvOf(() => asBuffer(`/api/exports/e-apd/${YEAR}.csv`));
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toContain(`declaration-e-apd-${YEAR}.csv`);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const options = { delimiter: ';', relax_column_count: true };
    const rows: string[][] = parse(bytes.subarray(3).toString('utf8'), options);
    expect(rows[0]).toEqual(
      expect.arrayContaining(['Catégorie e-APD', 'Pays', 'Montant (€)', 'Motif d’exclusion']),
    );
    const amount = rows[0].indexOf('Montant (€)');
    const estuaire = rows.find((row) => row.includes('Coopération Estuaire'));
    expect(estuaire?.[amount]).toBe('12345,67');
    const owendo = rows.find((row) => row.includes('Projet école Owendo'));
    expect(owendo).toContain(`'=HYPERLINK("http://x.example")`);
    expect(rows.find((row) => row[0] === 'Total déclaré')).toEqual(['Total déclaré', '', '3', '32346,67']);
    expect(rows.find((row) => row.includes('Échange Québec'))).toContain(
      'Pays absent de la liste des bénéficiaires de l’APD du CAD (OCDE)',
    );
  });
});

describe('the declaration in the admin panel (/admin/mission/e-apd/{year})', () => {
  it('is open to the Chargé·e de mission, as JSON and CSV', async () => {
    const staff = await staffWithRole('Chargé·e de mission');
    const json = await staff.get(`/admin/mission/e-apd/${YEAR}`);
    expect(json.status).toBe(200);
    expect((json.body as { data: Declaration }).data.totals.declared.amountCents).toBe('3234667');
    const csv = await staff.get(`/admin/mission/e-apd/${YEAR}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  });

  it.each(['Rédacteur·rice', 'Lecture seule'])('is closed to the %s role', async (role) => {
    const staff = await staffWithRole(role);
    expect((await staff.get(`/admin/mission/e-apd/${YEAR}`)).status).toBe(403);
    expect((await staff.get(`/admin/mission/e-apd/${YEAR}.csv`)).status).toBe(403);
  });

  it('is closed without an admin session', async () => {
    expect((await anonymous().get(`/admin/mission/e-apd/${YEAR}`)).status).toBe(401);
    expect((await trusted.get(`/admin/mission/e-apd/${YEAR}`)).status).toBe(401);
  });
});
