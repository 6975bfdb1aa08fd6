import type { Core, UID } from '@strapi/strapi';

/** A populate tree in Strapi's object form. */
export interface PopulateTree {
  [attribute: string]: true | { fields?: string[]; populate?: PopulateTree | true | string };
}

interface AttributeLike {
  type: string;
  private?: boolean;
  target?: string;
  relation?: string;
}

const attributesOf = (strapi: Core.Strapi, uid: string): Record<string, AttributeLike> =>
  strapi.getModel(uid as UID.Schema)?.attributes ?? {};

/** The attribute that names an entry: `title`, else `name`. */
export const labelField = (strapi: Core.Strapi, uid: string): string | undefined => {
  const attributes = attributesOf(strapi, uid);
  return ['title', 'name'].find((name) => name in attributes);
};

const mediaAttributes = (strapi: Core.Strapi, uid: string): string[] =>
  Object.entries(attributesOf(strapi, uid))
    .filter(([, attribute]) => attribute.type === 'media' && !attribute.private)
    .map(([name]) => name);

/**
 * What an entry of a related type shows by default: its label, slug, ISO code for a country, and
 * its image or logo.
 */
export const summaryPopulate = (strapi: Core.Strapi, uid: string): PopulateTree[string] => {
  const attributes = attributesOf(strapi, uid);
  const fields = [labelField(strapi, uid), 'slug', 'isoCode'].filter(
    (name): name is string => name !== undefined && name in attributes,
  );
  const media = mediaAttributes(strapi, uid);
  return media.length > 0
    ? { fields, populate: Object.fromEntries(media.map((name) => [name, true])) }
    : { fields };
};

/**
 * The default population of a type, derived from its schema: every public relation with its
 * related entries' label, slug and image; every media; every component.
 */
export const defaultPopulate = (strapi: Core.Strapi, uid: string): PopulateTree => {
  const tree: PopulateTree = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (attribute.private) continue;
    if (attribute.type === 'relation' && attribute.target)
      tree[name] = summaryPopulate(strapi, attribute.target);
    if (attribute.type === 'media' || attribute.type === 'component') tree[name] = true;
  }
  return tree;
};

/**
 * A smaller default population, for entries listed inside another (the country overview): the
 * to-one relations, the taxonomies (types without Draft & Publish: countries, themes, schools),
 * media and components — not the to-many relations to content, which grow with the data (a
 * partnership's actions).
 */
export const compactPopulate = (strapi: Core.Strapi, uid: string): PopulateTree => {
  const tree: PopulateTree = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (attribute.private) continue;
    if (attribute.type === 'relation' && attribute.target) {
      const toOne = attribute.relation === 'manyToOne' || attribute.relation === 'oneToOne';
      const target = strapi.getModel(attribute.target as UID.Schema) as
        | { options?: { draftAndPublish?: boolean } }
        | undefined;
      if (toOne || target?.options?.draftAndPublish !== true)
        tree[name] = summaryPopulate(strapi, attribute.target);
    }
    if (attribute.type === 'media' || attribute.type === 'component') tree[name] = true;
  }
  return tree;
};

/**
 * Adds a default population to what the client asked for, without throwing anything away: an
 * attribute the client names keeps the client's own tree; `*` stays `*`.
 */
export const mergePopulate = (
  defaults: PopulateTree,
  requested: unknown,
  separate: readonly string[] = [],
): unknown => {
  // Relations the route serves separately (capped) are never populated here, whatever the default
  // tree or the client names: `*` becomes the default tree without them.
  const without = (tree: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(Object.entries(tree).filter(([name]) => !separate.includes(name)));
  if (requested === undefined || requested === null || requested === '') return without(defaults);
  if (requested === '*') return separate.length > 0 ? without(defaults) : requested;
  let asked: Record<string, unknown>;
  if (typeof requested === 'string') {
    asked = Object.fromEntries(requested.split(',').map((name) => [name.trim(), true]));
  } else if (Array.isArray(requested)) {
    asked = Object.fromEntries(requested.map((name) => [String(name), true]));
  } else if (typeof requested === 'object') {
    asked = requested as Record<string, unknown>;
  } else {
    return requested;
  }
  return without({ ...defaults, ...asked });
};
