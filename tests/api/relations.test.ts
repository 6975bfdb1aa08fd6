import fs from 'node:fs';
import path from 'node:path';
import { anonymous, dataOf, trusted, type Entry } from '../helpers/client';
import { RELATION_PAIRS } from '../helpers/relations';

interface SchemaAttribute {
  type: string;
  private?: boolean;
  inversedBy?: string;
  mappedBy?: string;
}
interface Schema {
  kind: string;
  info: { pluralName: string };
  attributes: Record<string, SchemaAttribute>;
}

const schemas = (): Schema[] => {
  const apiDir = path.join(__dirname, '..', '..', 'src', 'api');
  return fs.readdirSync(apiDir).flatMap((api) => {
    const dir = path.join(apiDir, api, 'content-types');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .map((name) => JSON.parse(fs.readFileSync(path.join(dir, name, 'schema.json'), 'utf8')) as Schema);
  });
};

const related = (entry: Entry, attribute: string): Entry[] => {
  const value = entry[attribute] as Entry | Entry[] | null | undefined;
  if (!value) return [];
  return Array.isArray(value) ? value : [value];
};

/** Published entries of a type with one relation populated, as the public sees them. */
const listWith = async (plural: string, attribute: string): Promise<Entry[]> => {
  const response = await anonymous().get(
    `/api/${plural}?populate[${attribute}]=true&pagination[pageSize]=100`,
  );
  expect(response.status).toBe(200);
  return dataOf<Entry[]>(response);
};

describe('relations are reachable from both ends through plain REST', () => {
  beforeAll(async () => {
    // The source text names no association, so the seed has none: one is created here to walk
    // the association relations.
    const pick = async (plural: string, slug: string): Promise<string> => {
      const response = await anonymous().get(`/api/${plural}?filters[slug][$eq]=${slug}`);
      return dataOf<Entry[]>(response)[0].documentId;
    };
    const created = await trusted.post('/api/associations', {
      data: {
        name: 'Association de test des relations',
        slug: 'test-association-relations',
        countries: [await pick('countries', 'gabon')],
        themes: [await pick('themes', 'solidarite')],
        actions: [await pick('actions', 'materiel-socio-educatif-gabon')],
        partnerships: [await pick('partnerships', 'gabon-estuaire')],
      },
    });
    expect(created.status).toBe(201);
    // Nor any amount: a funding line of its own, linked to an entry of each type it serves.
    const funding = await trusted.post('/api/fundings', {
      data: {
        title: 'Ligne de test des relations',
        fiscalYear: 2011,
        amountCents: '150000',
        flow: 'disbursement',
        apdCategory: 'decentralised-cooperation',
        partnership: await pick('partnerships', 'gabon-estuaire'),
        action: await pick('actions', 'materiel-socio-educatif-gabon'),
        delegation: await pick('delegations', 'delegation-gabonaise-komo-mondah-2011'),
        country: await pick('countries', 'gabon'),
        beneficiary: dataOf(created).documentId,
      },
    });
    expect(funding.status).toBe(201);
  });

  afterAll(async () => {
    const lines = await trusted.get('/api/fundings?filters[title][$eq]=Ligne de test des relations');
    for (const entry of dataOf<Entry[]>(lines)) {
      await trusted.delete(`/api/fundings/${entry.documentId}`);
    }
    const response = await trusted.get('/api/associations?filters[slug][$eq]=test-association-relations');
    for (const entry of dataOf<Entry[]>(response)) {
      await trusted.delete(`/api/associations/${entry.documentId}`);
    }
  });

  it('the list of relation pairs covers every public relation of the schemas', () => {
    const declared = schemas().flatMap((schema) =>
      Object.entries(schema.attributes)
        .filter(([, attribute]) => attribute.type === 'relation' && !attribute.private)
        .filter(([, attribute]) => attribute.inversedBy !== undefined || attribute.mappedBy !== undefined)
        .map(([name]) => `${schema.info.pluralName}.${name}`),
    );
    const covered = RELATION_PAIRS.flatMap((pair) => [pair.from.join('.'), pair.to.join('.')]);
    expect([...covered].sort()).toEqual([...declared].sort());
  });

  for (const pair of RELATION_PAIRS) {
    for (const [[plural, attribute], [otherPlural, otherAttribute]] of [
      [pair.from, pair.to],
      [pair.to, pair.from],
    ]) {
      it(`${plural}.${attribute} leads to entries whose ${otherAttribute} leads back`, async () => {
        const entries = await listWith(plural, attribute);
        const linked = entries.filter((entry) => related(entry, attribute).length > 0);
        expect(linked.length).toBeGreaterThan(0);

        for (const entry of linked) {
          for (const target of related(entry, attribute)) {
            const response = await anonymous().get(
              `/api/${otherPlural}/${target.documentId}?populate[${otherAttribute}]=true`,
            );
            expect(response.status).toBe(200);
            const back = related(dataOf(response), otherAttribute).map((item) => item.documentId);
            expect(back).toContain(entry.documentId);
          }
        }
      });
    }
  }
});
