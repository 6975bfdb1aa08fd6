import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { Table } from 'tableschema';
import { isValidSiret } from '../../src/validation/registry-ids';
import { anonymous, dataOf, trusted, type Entry } from '../helpers/client';
import { grantLine, SAMPLE_CITY_SIRET } from '../helpers/fundings';

/**
 * The public datasets of public money: the SCDL « subventions » file, validated against the
 * national schema (a copy of ../shared/scdl-subventions-2.1.1 in tests/fixtures) by a Table Schema validator, and the catalogue.
 */

/** The official schema and examples, kept in the repository (public domain) so that the check runs anywhere. */
const SCDL_DIR = path.join(__dirname, '..', 'fixtures', 'scdl-subventions-2.1.1');
const SCHEMA_FILE = path.join(SCDL_DIR, 'schema.json');
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as {
  fields: Array<{ name: string }>;
};

/** The sample SIRETs of the SCDL schema's own documentation (`idAttribuant`, `idBeneficiaire`). */
const CITY_SIRET = SAMPLE_CITY_SIRET;
const BENEFICIARY_SIRET = '38047555800058';

/**
 * Every problem a Table Schema validator (frictionless's tableschema-js) finds in a CSV text, plus
 * the schema's custom checks (`french-siret-value`, `one-of-required`), which are not Table Schema.
 */
const problemsOf = async (csv: string): Promise<string[]> => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scdl-')), 'data.csv');
  fs.writeFileSync(file, csv);
  const table = await Table.load(file, {
    schema: JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as object,
  });
  const problems: string[] = [];
  let rows: Array<Record<string, string> | Error>;
  try {
    // `read` is asynchronous, whatever the package's own typings say.
    rows = await Promise.resolve(table.read({ keyed: true, forceCast: true }));
  } catch (error) {
    const multiple = error as { errors?: Array<{ message: string }>; message: string };
    return (multiple.errors ?? [multiple]).map((item) => item.message);
  }
  rows.forEach((row, index) => {
    if (row instanceof Error) {
      const cast = row as Error & { errors?: Array<{ message: string }> };
      problems.push(...(cast.errors ?? [cast]).map((item) => `row ${index + 2}: ${item.message}`));
      return;
    }
    for (const column of ['idAttribuant', 'idBeneficiaire']) {
      const value = row[column];
      if (typeof value === 'string' && value !== '' && !isValidSiret(value)) {
        problems.push(`row ${index + 2}: ${column} ${value} is not a SIRET`);
      }
    }
    if (!row.idBeneficiaire && !row.rnaBeneficiaire) {
      problems.push(`row ${index + 2}: idBeneficiaire or rnaBeneficiaire is required`);
    }
  });
  return problems;
};

const rowsOf = (csv: string): Array<Record<string, string>> =>
  parse<Record<string, string>>(csv, { columns: true, skip_empty_lines: true });

const created: Array<[plural: string, documentId: string]> = [];
const create = async (plural: string, data: Record<string, unknown>, status = ''): Promise<Entry> => {
  const response = await trusted.post(`/api/${plural}${status}`, { data });
  if (response.status !== 201)
    throw new Error(`${plural}: ${response.status} ${JSON.stringify(response.body)}`);
  const entry = dataOf(response);
  created.push([plural, entry.documentId]);
  return entry;
};

const getCsv = async () => {
  const response = await anonymous().get('/api/exports/subventions.csv').buffer(true);
  return { response, text: response.text };
};

/** The grants of this file: 47,800.20 € each unless said otherwise. */
const line = (overrides: Record<string, unknown>): Record<string, unknown> =>
  grantLine({ title: 'Subvention de test', amountCents: '4780020', ...overrides });

describe('the Table Schema validator used here can fail', () => {
  it('accepts the official valid example', async () => {
    expect(await problemsOf(fs.readFileSync(path.join(SCDL_DIR, 'exemple_valide.csv'), 'utf8'))).toEqual([]);
  });

  it('refuses the official invalid example', async () => {
    const problems = await problemsOf(
      fs.readFileSync(path.join(SCDL_DIR, 'exemple_invalide_erreurs_cellules.csv'), 'utf8'),
    );
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe('GET /api/exports/subventions.csv (SCDL « subventions » 2.1.1)', () => {
  let withSiret: Entry;
  let withRnaOnly: Entry;

  beforeAll(async () => {
    const mission = await trusted.put('/api/mission', { data: { siret: CITY_SIRET } });
    expect(mission.status).toBe(200);
    withSiret = await create('associations', {
      name: 'Les Petits Débrouillards, « Essonne » & Québec',
      slug: `test-scdl-siret-${Date.now()}`,
      siret: BENEFICIARY_SIRET,
    });
    withRnaOnly = await create('associations', {
      name: 'Amitié Courcouronnes–Estuaire',
      slug: `test-scdl-rna-${Date.now()}`,
      rna: 'W380475558',
    });
  });

  afterAll(async () => {
    for (const [plural, documentId] of created.reverse()) {
      // A failed deletion would leave entries for the next test files: it fails this one.
      expect((await trusted.delete(`/api/${plural}/${documentId}`)).status).toBeLessThan(300);
    }
    await trusted.put('/api/mission', { data: { siret: null } });
  });

  it('is the header line alone while no grant is published, valid, as CSV', async () => {
    const { response, text } = await getCsv();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(text.trim()).toBe(schema.fields.map((field) => field.name).join(','));
    expect(await problemsOf(text)).toEqual([]);
  });

  it('has one valid row per published grant and beneficiary, with exact amounts and shares', async () => {
    await create('fundings', line({ beneficiary: withSiret.documentId }));
    // One agreement shared by two beneficiaries: each row gives the agreement's total and its share.
    await create(
      'fundings',
      line({
        title: 'Projet commun « eau potable », Estuaire; phase 1',
        amountCents: '4500000',
        agreementTotalCents: '10000000',
        shareBasisPoints: 4500,
        beneficiary: withSiret.documentId,
        decisionReference: 'DEL-2024-06-01',
        nature: 'cash-and-in-kind',
        paymentTerms: 'instalments',
        paymentStart: '2024-07-01',
        paymentEnd: '2025-06-30',
        euNotification: true,
      }),
    );
    await create(
      'fundings',
      line({
        title: 'Projet commun « eau potable », Estuaire; phase 1',
        amountCents: '5500000',
        agreementTotalCents: '10000000',
        shareBasisPoints: 5500,
        beneficiary: withRnaOnly.documentId,
        decisionReference: 'DEL-2024-06-01',
        nature: 'in-kind',
        paymentTerms: 'other',
        paymentTermsDetail: 'Deux versements: "50 %" à la signature, le solde sur rapport',
        paymentStart: '2024-07-01',
        paymentEnd: '2025-06-30',
      }),
    );
    // Not in the file: a grant's payment, a line that is not a grant, a draft grant.
    await create('fundings', line({ flow: 'disbursement', beneficiary: withSiret.documentId }));
    await create('fundings', line({ grant: false, title: 'Frais de mission' }));
    await create(
      'fundings',
      line({ beneficiary: withSiret.documentId, title: 'Brouillon' }),
      '?status=draft',
    );

    const { response, text } = await getCsv();
    expect(response.status).toBe(200);
    expect(await problemsOf(text)).toEqual([]);
    const rows = rowsOf(text);
    expect(rows).toHaveLength(3);
    expect(rows.map((row) => Object.keys(row))).toEqual(
      rows.map(() => schema.fields.map((field) => field.name)),
    );
    expect(rows[0]).toEqual({
      nomAttribuant: 'Ville de Courcouronnes',
      idAttribuant: CITY_SIRET,
      dateConvention: '2024-03-15',
      referenceDecision: 'DEL-2024-03-12',
      nomBeneficiaire: 'Les Petits Débrouillards, « Essonne » & Québec',
      idBeneficiaire: BENEFICIARY_SIRET,
      rnaBeneficiaire: '',
      objet: 'Subvention de test',
      montant: '47800.20',
      nature: 'aide en numéraire',
      conditionsVersement: 'unique',
      datesPeriodeVersement: '2024-04-02',
      idRAE: '',
      notificationUE: 'non',
      pourcentageSubvention: '1',
      dispositifAide: '',
    });
    const shared = rows.filter((row) => row.referenceDecision === 'DEL-2024-06-01');
    expect(shared.map((row) => [row.montant, row.pourcentageSubvention]).sort()).toEqual([
      ['100000.00', '0.45'],
      ['100000.00', '0.55'],
    ]);
    expect(shared.find((row) => row.pourcentageSubvention === '0.55')).toMatchObject({
      idBeneficiaire: '',
      rnaBeneficiaire: 'W380475558',
      nature: 'aide en nature',
      conditionsVersement: 'Deux versements: "50 %" à la signature, le solde sur rapport',
      datesPeriodeVersement: '2024-07-01/2025-06-30',
    });
    expect(shared.find((row) => row.pourcentageSubvention === '0.45')?.notificationUE).toBe('oui');
  });

  it('is streamed, and reads every page once (more grants than one page)', async () => {
    const before = rowsOf((await getCsv()).text).length;
    for (let index = 0; index < 205; index += 1) {
      await create(
        'fundings',
        line({ title: `Subvention ${String(index).padStart(3, '0')}`, beneficiary: withSiret.documentId }),
      );
    }
    const { response, text } = await getCsv();
    expect(response.headers['transfer-encoding']).toBe('chunked');
    expect(response.headers['content-length']).toBeUndefined();
    const titles = rowsOf(text).map((row) => row.objet);
    expect(titles).toHaveLength(before + 205);
    expect(new Set(titles.filter((title) => /^Subvention \d{3}$/.test(title))).size).toBe(205);
    expect(await problemsOf(text)).toEqual([]);
  });

  it('has an ETag: 304 for a matching If-None-Match, whatever Cache-Control says; a new one after a change', async () => {
    const first = await getCsv();
    const etag = first.response.headers.etag;
    expect(etag).toBeTruthy();
    expect(first.response.headers['cache-control']).toMatch(/public/);
    const again = await anonymous()
      .get('/api/exports/subventions.csv')
      .set('If-None-Match', etag)
      .set('Cache-Control', 'no-cache');
    expect(again.status).toBe(304);
    expect(again.text ?? '').toBe('');

    await create('fundings', line({ title: 'Après le premier export', beneficiary: withSiret.documentId }));
    const changed = await anonymous()
      .get('/api/exports/subventions.csv')
      .set('If-None-Match', etag)
      .buffer(true);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.text).toContain('Après le premier export');
  });

  it("answers 409 naming the Mission while grants are published and the city's SIRET is missing", async () => {
    await trusted.put('/api/mission', { data: { siret: null } });
    const response = await anonymous().get('/api/exports/subventions.csv');
    expect(response.status).toBe(409);
    expect((response.body as { error: { message: string } }).error.message).toMatch(/Mission/);
    await trusted.put('/api/mission', { data: { siret: CITY_SIRET } });
    expect((await anonymous().get('/api/exports/subventions.csv')).status).toBe(200);
  });
});

describe('GET /api/exports (the catalogue an open-data portal harvests)', () => {
  it('lists each dataset with its title, description, format, licence and last update', async () => {
    const response = await anonymous().get('/api/exports');
    expect(response.status).toBe(200);
    const catalogue = response.body as {
      dataset: Array<{
        title: string;
        description: string;
        license: string;
        licenseName: string;
        modified: string | null;
        distribution: Array<{ downloadURL: string; mediaType: string; format: string }>;
      }>;
    };
    const subventions = catalogue.dataset.find((dataset) =>
      dataset.distribution.some((file) => file.downloadURL.endsWith('/api/exports/subventions.csv')),
    );
    expect(subventions).toMatchObject({
      licenseName: 'Licence Ouverte 2.0',
      license: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
      distribution: [expect.objectContaining({ mediaType: 'text/csv', format: 'CSV' })],
    });
    expect(subventions?.title).toBeTruthy();
    expect(subventions?.description).toBeTruthy();
    expect(Number.isNaN(Date.parse(subventions?.modified ?? ''))).toBe(false);
    const iati = catalogue.dataset.find((dataset) =>
      dataset.distribution.some((file) => file.downloadURL.endsWith('/api/exports/iati-activities.xml')),
    );
    expect(iati).toMatchObject({
      licenseName: 'Licence Ouverte 2.0',
      distribution: [expect.objectContaining({ mediaType: 'application/xml', format: 'XML' })],
    });
    expect(Number.isNaN(Date.parse(iati?.modified ?? ''))).toBe(false);
  });

  it("builds its addresses from the configured public URL, not from the request's Host", async () => {
    const response = await anonymous().get('/api/exports?probe=host').set('Host', 'attacker.example');
    expect(response.status).toBe(200);
    expect(JSON.stringify(response.body)).toContain('/api/exports/subventions.csv');
    expect(JSON.stringify(response.body)).not.toContain('attacker.example');
  });
});
