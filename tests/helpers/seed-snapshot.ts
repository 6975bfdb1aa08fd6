/**
 * The seed data as the tests found it: taken once the test server has loaded the seed, compared
 * when the run ends. A test that changes a seeded entry (a field, a relation, its publication) and
 * does not put it back fails the run, naming the entry.
 */
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { readSeedFiles } from '../../src/seed/loader';

type Snapshot = Map<string, string>;

const SYSTEM = new Set([
  'id',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'localizations',
]);

/** An entry without what changes by itself (ids of component rows, dates, authors). */
const normalise = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(normalise);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  // A related entry or a file: only which one it is.
  if (typeof object.documentId === 'string' && typeof object.locale !== 'undefined') return object.documentId;
  if (typeof object.url === 'string') return object.url;
  return Object.fromEntries(
    Object.entries(object)
      .filter(([key]) => !SYSTEM.has(key))
      .map(([key, item]) => [key, normalise(item)]),
  );
};

const relationsOf = (strapi: Core.Strapi, uid: UID.ContentType): Record<string, true> =>
  Object.fromEntries(
    Object.entries(strapi.getModel(uid).attributes as Record<string, { type: string }>)
      .filter(([, attribute]) => ['relation', 'media', 'component', 'dynamiczone'].includes(attribute.type))
      .map(([name]) => [name, true as const]),
  );

export const takeSeedSnapshot = async (strapi: Core.Strapi): Promise<Snapshot> => {
  const snapshot: Snapshot = new Map();
  for (const { name, file } of readSeedFiles(path.join(__dirname, '..', '..', 'database', 'seed'))) {
    const documents = strapi.documents(file.uid);
    for (const status of ['draft', 'published'] as const) {
      const entries = (await documents.findMany({
        status,
        populate: relationsOf(strapi, file.uid),
      })) as Array<Record<string, unknown>>;
      const keys = new Set(file.entries.map((entry) => (file.key ? entry[file.key] : 'single')));
      for (const entry of entries) {
        const key = file.key ? entry[file.key] : 'single';
        if (!keys.has(key)) continue;
        snapshot.set(
          `${name} ${String(key)} (${status}, ${String(entry.locale)})`,
          JSON.stringify(normalise(entry)),
        );
      }
    }
  }
  // 36 entries in French, drafts and published: an empty snapshot would compare nothing.
  if (snapshot.size === 0) throw new Error('the seed snapshot found no seeded entry');
  return snapshot;
};

/** What differs between two snapshots, one line per entry. */
export const seedChanges = (before: Snapshot, after: Snapshot): string[] => {
  const changes: string[] = [];
  for (const [key, value] of before) {
    if (!after.has(key)) changes.push(`${key}: gone`);
    else if (after.get(key) !== value)
      changes.push(`${key}: changed\n  before ${value}\n  after  ${String(after.get(key))}`);
  }
  for (const key of after.keys()) if (!before.has(key)) changes.push(`${key}: appeared`);
  return changes;
};
