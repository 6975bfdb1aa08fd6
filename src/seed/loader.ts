import fs from 'node:fs';
import path from 'node:path';
import type { Core, UID } from '@strapi/strapi';
import { DEFAULT_LOCALE } from '../i18n/locales';
import { runtimeFilters } from '../documents/runtime-params';

/** One file of `database/seed/`: the entries of one content type, in French. */
export interface SeedFile {
  uid: UID.ContentType;
  /** The attribute that identifies an entry (absent for a single type). */
  key?: string;
  entries: Array<Record<string, unknown>>;
}

export interface SeedReport {
  created: number;
  kept: number;
}

type Attribute = { type: string; target?: string; relation?: string };
type DocumentData = Record<string, unknown>;

export const seedDirectory = (strapi: Core.Strapi): string =>
  path.join(strapi.dirs.app.root, 'database', 'seed');

/** Reads the seed files in their numbered order (dependencies first). */
export const readSeedFiles = (directory: string): Array<{ name: string; file: SeedFile }> =>
  fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = JSON.parse(fs.readFileSync(path.join(directory, name), 'utf8')) as SeedFile;
      if (typeof file.uid !== 'string' || !Array.isArray(file.entries)) {
        throw new Error(`${name}: a seed file needs "uid" and "entries"`);
      }
      return { name, file };
    });

/**
 * Replaces the slugs that name related entries (`"country": "gabon"`) by their documentIds.
 * An unknown slug is an error: the seed never links to nothing silently.
 */
const resolveRelations = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  entry: DocumentData,
  where: string,
): Promise<DocumentData> => {
  const attributes = strapi.getModel(uid).attributes as Record<string, Attribute>;
  const data: DocumentData = {};
  for (const [name, value] of Object.entries(entry)) {
    const attribute = attributes[name];
    if (!attribute) throw new Error(`${where}: unknown attribute "${name}"`);
    if (attribute.type !== 'relation' || !attribute.target) {
      data[name] = value;
      continue;
    }
    const target = attribute.target as UID.ContentType;
    const slugs = Array.isArray(value) ? (value as unknown[]) : [value];
    const ids: string[] = [];
    for (const slug of slugs) {
      const found = await strapi.documents(target).findFirst({
        filters: runtimeFilters({ slug: { $eq: String(slug) } }),
        locale: DEFAULT_LOCALE,
        fields: ['documentId'],
      });
      if (!found) throw new Error(`${where}: "${name}" names "${String(slug)}", no ${target} has that slug`);
      ids.push(found.documentId);
    }
    data[name] = Array.isArray(value) ? ids : ids[0];
  }
  return data;
};

const hasDraftAndPublish = (strapi: Core.Strapi, uid: UID.ContentType): boolean =>
  strapi.getModel(uid).options?.draftAndPublish === true;

/**
 * Creates what is missing, in file order, and publishes it. An entry that already exists (same key,
 * any state) is kept as it is: the seed never overwrites what staff edited, and running it twice
 * creates nothing the second time. Everything runs in one transaction: a failure writes nothing.
 */
export const runSeed = async (
  strapi: Core.Strapi,
  directory = seedDirectory(strapi),
): Promise<SeedReport> => {
  const files = readSeedFiles(directory);
  const report: SeedReport = { created: 0, kept: 0 };

  await strapi.db.transaction(async () => {
    for (const { name, file } of files) {
      const { uid, key } = file;
      const documents = strapi.documents(uid);
      const isSingle = strapi.getModel(uid).kind === 'singleType';
      let created = 0;
      let kept = 0;

      for (const [index, entry] of file.entries.entries()) {
        const where = `${name} entry ${index + 1}`;
        if (!isSingle && (!key || entry[key] === undefined)) {
          throw new Error(`${where}: missing identifying attribute "${key ?? '(no key)'}"`);
        }
        const existing = await documents.findFirst({
          ...(isSingle ? {} : { filters: { [key as string]: { $eq: entry[key as string] } } }),
          locale: DEFAULT_LOCALE,
          status: 'draft',
          fields: ['documentId'],
        });
        if (existing) {
          kept += 1;
          continue;
        }
        const data = await resolveRelations(strapi, uid, entry, where);
        await documents.create({
          data,
          locale: DEFAULT_LOCALE,
          ...(hasDraftAndPublish(strapi, uid) ? { status: 'published' } : {}),
        });
        created += 1;
      }
      strapi.log.info(`[seed] ${name}: ${created} created, ${kept} already there`);
      report.created += created;
      report.kept += kept;
    }
  });
  return report;
};

/**
 * On start-up: seeds an empty database when SEED_ON_START is true (the default in development),
 * so that the quick start shows real content. "Empty" means no entry of any type the seed files
 * fill.
 */
export const seedIfEmpty = async (strapi: Core.Strapi): Promise<void> => {
  const nodeEnv = process.env.NODE_ENV ?? 'development';
  const wanted = (process.env.SEED_ON_START || String(nodeEnv === 'development')) === 'true';
  if (!wanted) return;
  for (const { file } of readSeedFiles(seedDirectory(strapi))) {
    if ((await strapi.db.query(file.uid).count()) > 0) return;
  }
  strapi.log.info('[seed] empty database: loading the seed data');
  const report = await runSeed(strapi);
  strapi.log.info(`[seed] done: ${report.created} entries created`);
};
