import type { Modules, UID } from '@strapi/strapi';

/*
 * Document Service parameters for a type chosen at run time (from the types' declarations in
 * src/api/<type>/contributions.ts, or a relation's target): the compiler cannot tie their
 * attribute names to one schema, so these names are checked against the schemas when the
 * declarations are collected (src/contributions/check.ts), at start-up and in the unit tests.
 */
type Params = Modules.Documents.Params.Pick<
  UID.ContentType,
  'fields' | 'filters' | 'populate' | 'data' | 'sort'
>;

/** Attribute names to select. */
export const runtimeFields = (names: readonly string[]) => names as NonNullable<Params['fields']>;

/** A filters tree naming attributes of the type. */
export const runtimeFilters = (filters: Record<string, unknown>) => filters as NonNullable<Params['filters']>;

/** A populate tree naming relations of the type (or `*`, a list of names, `true`). */
export const runtimePopulate = (populate: Record<string, unknown> | string | readonly string[] | true) =>
  populate as NonNullable<Params['populate']>;

/** Data naming attributes of the type. */
export const runtimeData = (data: Record<string, unknown>) => data as NonNullable<Params['data']>;

/** Sort paths ("startDate:desc") naming attributes of the type. */
export const runtimeSort = (paths: readonly string[]) => paths as NonNullable<Params['sort']>;
