/**
 * The project's content types as the tests see them: read from the types' own declarations
 * (src/api/<type>/contributions.ts, through the collector) and schemas, never listed by hand.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CONTRIBUTIONS } from '../../src/contributions';

interface Schema {
  kind: 'collectionType' | 'singleType';
  info: { singularName: string; pluralName: string };
  attributes: Record<string, { type: string }>;
}

/** The schema of type `name` in a folder of type folders (src/api by default). */
export const schemaOf = (name: string, api = path.join(__dirname, '..', '..', 'src', 'api')): Schema =>
  JSON.parse(fs.readFileSync(path.join(api, name, 'content-types', name, 'schema.json'), 'utf8')) as Schema;

/** The public types, with the path of their REST routes (`/api/<path>`). */
export const PUBLIC_TYPES = CONTRIBUTIONS.filter((contribution) => contribution.public).map(
  (contribution) => {
    const schema = schemaOf(contribution.name);
    const path = schema.kind === 'singleType' ? schema.info.singularName : schema.info.pluralName;
    return { ...contribution, kind: schema.kind, path };
  },
);

/** The public collection types, by the plural of their REST routes. */
export const COLLECTIONS = PUBLIC_TYPES.filter((type) => type.kind === 'collectionType').map(
  (type) => type.path,
);

/** The public single types, by the path of their REST route. */
export const SINGLES = PUBLIC_TYPES.filter((type) => type.kind === 'singleType').map((type) => type.path);

/** Every type that versions a Content Manager view (`content-manager.json`), by name. */
export const WITH_CONTENT_MANAGER_VIEW = CONTRIBUTIONS.filter(
  (contribution) => contribution.contentManager,
).map((contribution) => contribution.name);

/** The REST path of a type, by uid. */
export const pathOf = (uid: string): string => {
  const name = uid.split('.').pop() ?? uid;
  const schema = schemaOf(name);
  return schema.kind === 'singleType' ? schema.info.singularName : schema.info.pluralName;
};
