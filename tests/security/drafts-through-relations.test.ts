/**
 * Class 2: unpublished content must not be readable through filters, populate filters or sorts that
 * cross relations. Every relation path (one and two hops) that reaches a Draft & Publish type is
 * derived from the schemas and tried, with a control request (an API token, which may read drafts)
 * proving that the path really reaches a draft.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { anonymous, dataOf, errorOf, trusted, type Entry } from '../helpers/client';

interface Attribute {
  type: string;
  relation?: string;
  target?: string;
  required?: boolean;
  private?: boolean;
  enum?: string[];
}
interface Schema {
  uid: string;
  kind: string;
  plural: string;
  draftAndPublish: boolean;
  attributes: Record<string, Attribute>;
}

const API = path.join(__dirname, '..', '..', 'src', 'api');
const schemas: Schema[] = fs.readdirSync(API).flatMap((api) => {
  const dir = path.join(API, api, 'content-types');
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((name) => {
    const raw = JSON.parse(fs.readFileSync(path.join(dir, name, 'schema.json'), 'utf8')) as {
      kind: string;
      info: { pluralName: string };
      options?: { draftAndPublish?: boolean };
      attributes: Record<string, Attribute>;
    };
    return {
      uid: `api::${api}.${name}`,
      kind: raw.kind,
      plural: raw.info.pluralName,
      draftAndPublish: raw.options?.draftAndPublish === true,
      attributes: raw.attributes,
    };
  });
});
const byUid = new Map(schemas.map((schema) => [schema.uid, schema]));
const collections = schemas.filter((schema) => schema.kind === 'collectionType');

/** The text field a draft is recognised by: its title, or its name. */
const labelOf = (schema: Schema): string => ('title' in schema.attributes ? 'title' : 'name');

/** Public relations of a type, with the schema they lead to. */
const relationsOf = (schema: Schema): Array<[string, Schema]> =>
  Object.entries(schema.attributes)
    .filter(([, attribute]) => attribute.type === 'relation' && !attribute.private && attribute.target)
    .flatMap(([name, attribute]) => {
      const target = byUid.get(attribute.target as string);
      return target ? [[name, target] as [string, Schema]] : [];
    });

/** Every path of one or two relations from `root` whose last hop reaches a Draft & Publish type. */
const pathsFrom = (root: Schema): Array<{ hops: string[]; target: Schema }> =>
  relationsOf(root).flatMap(([first, middle]) => [
    ...(middle.draftAndPublish ? [{ hops: [first], target: middle }] : []),
    ...relationsOf(middle)
      .filter(([, target]) => target.draftAndPublish)
      .map(([second, target]) => ({ hops: [first, second], target })),
  ]);

const marker = `zq${crypto.randomBytes(4).toString('hex')}`;
const total = (body: unknown): number =>
  (body as { meta: { pagination: { total: number } } }).meta.pagination.total;

describe('drafts cannot be read through relations, at any depth, from any type', () => {
  const drafts = new Map<string, string>();

  beforeAll(async () => {
    // One never-published draft of each Draft & Publish collection type, related (from its own
    // side) to published entries and taxonomies, so that every path can reach it.
    for (const schema of collections.filter((s) => s.draftAndPublish)) {
      const data: Record<string, unknown> = {};
      for (const [name, attribute] of Object.entries(schema.attributes)) {
        if (attribute.type === 'uid') data[name] = `test-${marker}-${schema.plural}`;
        else if (attribute.required && attribute.type === 'string')
          data[name] = `Brouillon ${marker} ${schema.plural}`;
        else if (attribute.required && attribute.type === 'enumeration') data[name] = attribute.enum?.[0];
      }
      for (const [name, target] of relationsOf(schema)) {
        const relation = schema.attributes[name].relation;
        if (relation !== 'manyToOne' && relation !== 'manyToMany') continue; // never take others' relations
        const [first] = dataOf<Entry[]>(
          await anonymous().get(`/api/${target.plural}?pagination[pageSize]=1`),
        );
        if (!first) continue;
        data[name] = relation === 'manyToOne' ? first.documentId : [first.documentId];
      }
      const created = await trusted.post(`/api/${schema.plural}?status=draft`, { data });
      expect({ type: schema.plural, status: created.status }).toEqual({ type: schema.plural, status: 201 });
      drafts.set(schema.uid, dataOf(created).documentId);
      const published = await anonymous().get(`/api/${schema.plural}/${dataOf(created).documentId}`);
      expect(published.status).toBe(404);
    }
  });

  afterAll(async () => {
    for (const [uid, documentId] of drafts) {
      await trusted.delete(`/api/${(byUid.get(uid) as Schema).plural}/${documentId}`);
    }
  });

  it('a filter crossing one or two relations never matches a draft (and the control shows the path reaches one)', async () => {
    const reached = new Set<string>();
    const leaks: string[] = [];
    let tried = 0;
    for (const root of collections) {
      for (const { hops, target } of pathsFrom(root)) {
        const filter = `filters${hops.map((hop) => `[${hop}]`).join('')}[${labelOf(target)}][$containsi]=${marker}`;
        const query = `/api/${root.plural}?${filter}`;
        tried += 1;
        const control = await trusted.get(query);
        expect({ query, status: control.status }).toEqual({ query, status: 200 });
        if (total(control.body) > 0) reached.add(target.uid);
        const response = await anonymous().get(query);
        expect({ query, status: response.status }).toEqual({ query, status: 200 });
        if (total(response.body) > 0) leaks.push(query);
      }
    }
    expect(leaks).toEqual([]);
    expect(tried).toBeGreaterThan(50);
    // Every Draft & Publish collection type's draft was really reachable through some path.
    expect([...reached].sort()).toEqual([...drafts.keys()].sort());
  });

  it('the same filters inside $or, $and and $not, and nested in a populate, tell nothing either', async () => {
    // Each answer must be the same whether the needle is the drafts' marker or matches nothing.
    const other = `zz${crypto.randomBytes(4).toString('hex')}`;
    const variants = [
      `/api/countries?filters[$or][0][actions][title][$containsi]=NEEDLE&filters[$or][1][name][$eq]=nothing`,
      `/api/countries?filters[$and][0][delegations][title][$startsWith]=Brouillon NEEDLE`,
      `/api/countries?filters[$not][actions][title][$notContainsi]=NEEDLE`,
      `/api/countries?filters[delegations][$not][title][$notContainsi]=NEEDLE`,
      `/api/themes?filters[partnerships][country][schoolExchanges][title][$containsi]=NEEDLE`,
      `/api/partnerships?filters[country][actions][title][$containsi]=NEEDLE`,
      `/api/schools?filters[actions][title][$containsi]=NEEDLE`,
    ];
    for (const variant of variants) {
      const query = variant.replace('NEEDLE', marker);
      const response = await anonymous().get(query);
      expect({ query, status: response.status }).toEqual({ query, status: 200 });
      const baseline = await anonymous().get(variant.replace('NEEDLE', other));
      expect({ query, body: response.body as unknown }).toEqual({ query, body: baseline.body as unknown });
    }
    // A populate's own filters: the populated country must not depend on a draft's title.
    const populated = (needle: string) =>
      anonymous().get(
        `/api/partnerships?populate[country][filters][actions][title][$containsi]=${needle}&fields[0]=slug`,
      );
    const withMarker = await populated(marker);
    const withNothing = await populated(other);
    expect(withMarker.status).toBe(200);
    expect(withMarker.body).toEqual(withNothing.body);
  });

  it('sorting by a field of a Draft & Publish relation is a 400 naming sort; by a taxonomy it works', async () => {
    for (const root of collections) {
      for (const [name, target] of relationsOf(root).filter(([, t]) => t.draftAndPublish)) {
        const query = `/api/${root.plural}?sort=${name}.${labelOf(target)}:asc`;
        const response = await anonymous().get(query);
        expect({ query, status: response.status }).toEqual({ query, status: 400 });
        expect(errorOf(response).details.param ?? errorOf(response).message).toMatch(/sort/);
      }
    }
    expect((await anonymous().get('/api/partnerships?sort=country.name:asc')).status).toBe(200);
  });
});
