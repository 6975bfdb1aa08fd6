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
      branch !== null && typeof branch === 'object' && 'populate' in (branch as object)
        ? relationDepth((branch as Record<string, unknown>).populate)
        : 0;
    deepest = Math.max(deepest, 1 + nested);
  }
  return deepest;
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
  return next();
};

export default queryLimits;
