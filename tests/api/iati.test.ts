import fs from 'node:fs';
import path from 'node:path';
import { validateXML } from 'xmllint-wasm';
import { anonymous, dataOf, documentIdOf, trusted, type Entry } from '../helpers/client';

/**
 * The IATI 2.03 activity file, validated by libxml2 (xmllint, built for WebAssembly) against the
 * official XSD (a copy of ../shared/iati-2.03 in tests/fixtures): on the seed, then on a larger
 * generated set with hostile text.
 */

const XSD_DIR = path.join(__dirname, '..', 'fixtures', 'iati-2.03');
const xsd = (name: string) => ({
  fileName: name,
  contents: fs.readFileSync(path.join(XSD_DIR, name), 'utf8'),
});

/** The errors libxml2 finds in `xml` against the IATI activities schema (none when valid). */
const schemaErrors = async (xml: string): Promise<string[]> => {
  const result = await validateXML({
    xml: [{ fileName: 'iati-activities.xml', contents: xml }],
    schema: [xsd('iati-activities-schema.xsd')],
    preload: [xsd('iati-common.xsd'), xsd('xml.xsd')],
    maxMemoryPages: 16384,
  });
  return result.errors.map((error) => error.rawMessage);
};

/** A documented sample: "FR-SIRET-" and the SCDL schema's example SIRET (not the city's). */
const SAMPLE_ORGANISATION_ID = 'FR-SIRET-23350001600040';

const created: Array<[plural: string, documentId: string]> = [];
const create = async (plural: string, data: Record<string, unknown>): Promise<Entry> => {
  const response = await trusted.post(`/api/${plural}`, { data });
  if (response.status !== 201)
    throw new Error(`${plural}: ${response.status} ${JSON.stringify(response.body)}`);
  const entry = dataOf(response);
  created.push([plural, entry.documentId]);
  return entry;
};

const getXml = () => anonymous().get('/api/exports/iati-activities.xml').buffer(true);

const setOrganisationId = async (value: string | null) => {
  expect((await trusted.put('/api/mission', { data: { iatiOrganisationId: value } })).status).toBe(200);
};

afterAll(async () => {
  for (const [plural, documentId] of created.reverse()) {
    // A failed deletion would leave entries for the next test files: it fails this one.
    expect((await trusted.delete(`/api/${plural}/${documentId}`)).status).toBeLessThan(300);
  }
  await setOrganisationId(null);
});

describe('the libxml2 check used here can fail', () => {
  it('refuses an activity without its reporting organisation', async () => {
    const broken =
      '<?xml version="1.0" encoding="UTF-8"?><iati-activities version="2.03"><iati-activity>' +
      '<iati-identifier>X-1</iati-identifier><title><narrative>t</narrative></title></iati-activity></iati-activities>';
    expect((await schemaErrors(broken)).length).toBeGreaterThan(0);
  });
});

describe('GET /api/exports/iati-activities.xml', () => {
  it("answers 409 naming the Mission while the city's IATI identifier is not set", async () => {
    await setOrganisationId(null);
    const response = await anonymous().get('/api/exports/iati-activities.xml');
    expect(response.status).toBe(409);
    expect((response.body as { error: { message: string } }).error.message).toMatch(/Mission/);
  });

  it('is valid IATI 2.03 on the seed: a partnership per activity, its actions as children', async () => {
    await setOrganisationId(SAMPLE_ORGANISATION_ID);
    const response = await getXml();
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/xml/);
    expect(response.headers['transfer-encoding']).toBe('chunked');
    const xml = response.text;
    expect(await schemaErrors(xml)).toEqual([]);
    const parent = `${SAMPLE_ORGANISATION_ID}-partenariat-gabon-estuaire`;
    expect(xml).toContain(`<iati-identifier>${parent}</iati-identifier>`);
    expect(xml).toContain(
      `<related-activity ref="${SAMPLE_ORGANISATION_ID}-action-materiel-socio-educatif-gabon" type="2"/>`,
    );
    expect(xml).toContain(`<related-activity ref="${parent}" type="1"/>`);
    expect(xml).toMatch(/<recipient-country code="GA" percentage="100"\/>/);
    expect(xml).toMatch(
      /<reporting-org ref="FR-SIRET-23350001600040" type="11">\s*<narrative>Ville de Courcouronnes<\/narrative>/,
    );
  });

  it('stays valid with hostile text, translations, DAC sectors, budgets and transactions', async () => {
    await setOrganisationId(SAMPLE_ORGANISATION_ID);
    const gabon = await documentIdOf('countries', 'gabon');
    const theme = await create('themes', {
      name: 'Eau & assainissement <potable> "sûr"',
      slug: `test-iati-eau-${Date.now()}`,
      dacSectorCode: '14030',
    });
    const association = await create('associations', {
      name: 'Solidarité « Estuaire » & Co <asso> 🌍',
      slug: `test-iati-asso-${Date.now()}`,
      rna: 'W380475558',
    });
    const hostile = [
      'Coopération & échanges <script>alert("x")</script>',
      'L\'eau d\'abord — ‘quotes’ "double" 🌍🚰',
      'تعاون مع مقاطعة إستواري (العربية)',
      'עברית ומים',
      'Contrôle\u0001\u0008 caractères',
    ];
    const partnerships: Entry[] = [];
    for (let index = 0; index < 40; index += 1) {
      const text = hostile[index % hostile.length];
      partnerships.push(
        await create('partnerships', {
          title: `${text} ${index}`,
          slug: `test-iati-${index}-${Date.now()}`,
          summary: `${text} — résumé ${index}`,
          partnerName: text,
          partnershipState: (['planned', 'active', 'ended'] as const)[index % 3],
          startDate: ['2010', '2011-05', '2012-02-29', null][index % 4],
          endDate: [null, '2011', '2030-06', null][index % 4],
          country: gabon,
          themes: [theme.documentId, await documentIdOf('themes', 'education')],
          associations: [association.documentId],
        }),
      );
    }
    const english = await trusted.put(`/api/partnerships/${partnerships[0].documentId}?locale=en`, {
      // A new locale is created with the shared (non-localized) fields, as the admin's "fill in" does.
      data: {
        title: 'Cooperation & exchanges <in English>',
        summary: 'An English summary',
        slug: partnerships[0].slug,
        partnerName: 'x',
        partnershipState: partnerships[0].partnershipState,
      },
    });
    expect(english.status).toBe(200);
    for (let index = 0; index < 120; index += 1) {
      await create('actions', {
        title: `${hostile[index % hostile.length]} action ${index}`,
        slug: `test-iati-action-${index}-${Date.now()}`,
        actionType: 'other',
        startDate: index % 2 ? '2031' : '2011-05-14',
        partnership: partnerships[index % partnerships.length].documentId,
        country: gabon,
      });
    }
    await create('fundings', {
      title: 'Engagement & <budget>',
      fiscalYear: 2024,
      amountCents: '123456',
      flow: 'commitment',
      apdCategory: 'decentralised-cooperation',
      partnership: partnerships[0].documentId,
    });
    await create('fundings', {
      title: 'Versement',
      fiscalYear: 2024,
      amountCents: '100000',
      flow: 'disbursement',
      apdCategory: 'development-grant',
      partnership: partnerships[0].documentId,
      beneficiary: association.documentId,
      paymentStart: '2024-05-02',
    });

    const response = await getXml();
    expect(response.status).toBe(200);
    const xml = response.text;
    expect(await schemaErrors(xml)).toEqual([]);
    expect(xml).toContain('Coopération &amp; échanges &lt;script&gt;alert("x")&lt;/script&gt;');
    expect(xml).toContain('تعاون مع مقاطعة إستواري');
    expect(xml).toContain('🌍🚰');
    expect(xml).not.toContain('\u0001');
    expect(xml).toContain(
      '<narrative xml:lang="en">Cooperation &amp; exchanges &lt;in English&gt;</narrative>',
    );
    expect(xml).toMatch(/<sector vocabulary="1" code="14030" percentage="100.00"\/>/);
    expect(xml).toMatch(
      /<sector vocabulary="99" vocabulary-uri="[^"]+\/api\/themes\/slug\/education" code="education" percentage="100.00">/,
    );
    expect(xml).toMatch(
      /<budget type="1" status="2">\s*<period-start iso-date="2024-01-01"\/>\s*<period-end iso-date="2024-12-31"\/>\s*<value currency="EUR" value-date="2024-01-01">1234.56<\/value>/,
    );
    expect(xml).toMatch(
      /<transaction-type code="3"\/>\s*<transaction-date iso-date="2024-05-02"\/>\s*<value currency="EUR" value-date="2024-05-02">1000.00<\/value>/,
    );
    // Dates known to the year or month: the first day of a start, the last day of an end.
    expect(xml).toContain('<activity-date type="2" iso-date="2011-05-01"/>');
    expect(xml).toContain('<activity-date type="4" iso-date="2011-12-31"/>');
    expect(xml).toContain('<activity-date type="3" iso-date="2030-06-30"/>');
    expect((xml.match(/<iati-activity /g) ?? []).length).toBeGreaterThanOrEqual(160);
  });

  it('revalidates with its ETag', async () => {
    await setOrganisationId(SAMPLE_ORGANISATION_ID);
    const first = await getXml();
    const etag = first.headers.etag;
    expect(etag).toBeTruthy();
    const again = await anonymous().get('/api/exports/iati-activities.xml').set('If-None-Match', etag);
    expect(again.status).toBe(304);
  });
});
