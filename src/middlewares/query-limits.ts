import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';

type Context = Parameters<Core.MiddlewareHandler>[0];

/** Bounds of a content-API query: what a website page needs, far below what slows the database. */
export const QUERY_LIMITS = {
  /** Characters of the raw query string. */
  length: 4000,
  /** Nested relations in `populate` (partnerships → actions → schools is 3). */
  populateDepth: 4,
  /** Nesting of the `filters` tree (`filters[$and][0][country][isoCode][$eq]` is 5). */
  filtersDepth: 8,
  /** Conditions and populated branches, counted as the leaves of each tree. */
  leaves: 60,
};

const refuse = (param: string, message: string): never => {
  throw new errors.ValidationError(`${param}: ${message}`, {
    errors: [{ path: [param], message, name: 'ValidationError' }],
    source: 'query',
    param,
  });
};

/** How deep an object nests, counting every level. */
export const depthOf = (value: unknown): number =>
  value !== null && typeof value === 'object'
    ? 1 + Math.max(0, ...Object.values(value as Record<string, unknown>).map(depthOf))
    : 0;

export const leavesOf = (value: unknown): number =>
  value !== null && typeof value === 'object'
    ? Object.values(value as Record<string, unknown>).reduce<number>((sum, child) => sum + leavesOf(child), 0)
    : 1;

/** The number of relation levels a populate tree opens: `a`, `a.populate.b`... */
export const relationDepth = (populate: unknown): number => {
  if (typeof populate === 'string') {
    return Math.max(0, ...populate.split(',').map((path) => path.split('.').length));
  }
  if (populate === null || typeof populate !== 'object') return populate === undefined ? 0 : 1;
  let deepest = 0;
  for (const branch of Object.values(populate as Record<string, unknown>)) {
    if (typeof branch === 'string') {
      deepest = Math.max(deepest, relationDepth(branch));
      continue;
    }
    const nested =
      branch !== null && typeof branch === 'object' && 'populate' in branch
        ? relationDepth((branch as Record<string, unknown>).populate)
        : 0;
    deepest = Math.max(deepest, 1 + nested);
  }
  return deepest;
};

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Checks the operands of the filter operators that take a particular shape: `$between` two values,
 * `$and`/`$or` a list of conditions, `$not` one condition, `$null`/`$notNull` a boolean. Strapi's
 * query engine answers a 500 to the others (`$between` with one value, `$or=x`).
 */
export const checkOperators = (filters: unknown, path: string[] = ['filters']): void => {
  if (Array.isArray(filters)) {
    filters.forEach((item, index) => {
      checkOperators(item, [...path, String(index)]);
    });
    return;
  }
  if (!isPlainObject(filters)) return;
  for (const [key, value] of Object.entries(filters)) {
    const here = [...path, key];
    const at = here.join('.');
    if (
      key === '$between' &&
      !(Array.isArray(value) && value.length === 2 && value.every((v) => !isPlainObject(v)))
    ) {
      refuse(at, 'takes exactly two values ($between][0]=…&…[$between][1]=…)');
    }
    if ((key === '$and' || key === '$or') && !(Array.isArray(value) || isPlainObject(value))) {
      refuse(at, 'takes a list of conditions');
    }
    if (
      (key === '$and' || key === '$or') &&
      Object.values(value as object).some((item) => !isPlainObject(item))
    ) {
      refuse(at, 'takes a list of conditions');
    }
    if (key === '$not' && !isPlainObject(value)) refuse(at, 'takes one condition');
    if (
      (key === '$null' || key === '$notNull') &&
      !['true', 'false', true, false].includes(value as string)
    ) {
      refuse(at, 'takes true or false');
    }
    checkOperators(value, here);
  }
};

/**
 * Refuses, with a 400 naming the parameter, a content-API query too long, too deep or too wide to
 * be a page of the website: a guard against queries that would make the database work hard.
 * Mounted on the content API's router (src/index.ts): it runs for each of its routes.
 */
const queryLimits = (): Core.MiddlewareHandler => async (ctx: Context, next) => {
  if (ctx.querystring.length > QUERY_LIMITS.length) {
    refuse('query', `is longer than ${QUERY_LIMITS.length} characters`);
  }
  const { populate, filters } = ctx.query as Record<string, unknown>;
  if (relationDepth(populate) > QUERY_LIMITS.populateDepth) {
    refuse('populate', `nests more than ${QUERY_LIMITS.populateDepth} levels of relations`);
  }
  if (leavesOf(populate) > QUERY_LIMITS.leaves)
    refuse('populate', `has more than ${QUERY_LIMITS.leaves} branches`);
  if (depthOf(filters) > QUERY_LIMITS.filtersDepth) {
    refuse('filters', `nests more than ${QUERY_LIMITS.filtersDepth} levels`);
  }
  if (leavesOf(filters) > QUERY_LIMITS.leaves)
    refuse('filters', `has more than ${QUERY_LIMITS.leaves} conditions`);
  checkOperators(filters);
  await next();
};

export default queryLimits;
