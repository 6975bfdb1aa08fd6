import { factories, type Core, type UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import * as z from 'zod/v4';
import { DEFAULT_LOCALE } from '../i18n/locales';
import { paramsOf, stateOf, type Context, type Next } from '../http/request-state';
import { defaultPopulate, summaryPopulate, type PopulateTree } from './populate';
import { cappedRelations, growingRelations } from './capped-relations';

export interface LookupOptions {
  /** How the path parameter is named in messages ("slug", "ISO code"). */
  label: string;
  /** The filters that find the entry a path parameter names. */
  filters: (value: string) => Record<string, unknown>;
}

const bySlug: LookupOptions = { label: 'slug', filters: (value) => ({ slug: { $eq: value } }) };

const requestedLocale = (ctx: Context): string =>
  typeof ctx.query.locale === 'string' && ctx.query.locale !== '' ? ctx.query.locale : DEFAULT_LOCALE;

/**
 * Finds the documentId of the entry a public key (slug, ISO code) names, in the requested locale,
 * falling back to the default locale when no translation exists. The lookup runs through the
 * Document Service inside the request, so the published-only rule applies to it.
 */
export const findDocumentId = async (
  strapi: Core.Strapi,
  uid: UID.ContentType,
  value: string,
  ctx: Context,
  options: LookupOptions,
): Promise<{ documentId: string; locale: string } | null> => {
  const filters = options.filters(value);
  const status = ctx.query.status === 'draft' ? 'draft' : 'published';
  const locales = [...new Set([requestedLocale(ctx), DEFAULT_LOCALE])];
  for (const locale of locales) {
    const found = await strapi.documents(uid).findFirst({ filters, locale, status, fields: ['documentId'] });
    if (found) return { documentId: found.documentId, locale };
  }
  return null;
};

/**
 * A route middleware that turns `/:key` into the core `findOne` of the entry it names, with a
 * default population added to the client's own (see src/documents/default-populate.ts).
 */
export const resolveByKey =
  (
    uid: UID.ContentType,
    param: string,
    options: LookupOptions,
    populate: (strapi: Core.Strapi) => PopulateTree,
    separate?: readonly string[],
  ) =>
  async (ctx: Context, next: Next): Promise<unknown> => {
    const value = paramsOf(ctx)[param] ?? '';
    if (value.includes('\u0000')) {
      throw new errors.ValidationError(`${param}: contains a NUL character`, {
        errors: [{ path: [param], message: 'contains a NUL character', name: 'ValidationError' }],
      });
    }
    const found = await findDocumentId(strapi, uid, value, ctx, options);
    if (!found) {
      throw new errors.NotFoundError(
        `No ${strapi.getModel(uid).info.singularName} has the ${options.label} "${value}"`,
      );
    }
    paramsOf(ctx).id = found.documentId;
    ctx.query.locale = found.locale;
    stateOf(ctx).defaultPopulate = { uid, tree: populate(strapi), separate };
    return next();
  };

interface RouteSchemas {
  request?: { query?: Record<string, unknown>; params?: Record<string, unknown> };
  response?: unknown;
}

/**
 * The query parameters and response of the core `findOne` of a type, for the OpenAPI document of
 * a route that is served by it.
 */
export const findOneSchemas = (uid: UID.ContentType): RouteSchemas => {
  const [core] = factories.createCoreRouter(uid, { only: ['findOne'] }).routes as RouteSchemas[];
  return { request: { query: core.request?.query }, response: core.response };
};

/**
 * A route served by the core `findOne` of `uid`, for the entry that `param` names: it needs no
 * permission of its own and keeps the core validation and sanitising.
 */
export const findOneByKeyRoute = (
  path: string,
  uid: UID.ContentType,
  param: string,
  options: LookupOptions,
  populate: (strapi: Core.Strapi) => PopulateTree,
  bounds?: {
    /** Relations never populated by the core `findOne`, whatever the client asks: the middleware serves them. */
    separate: readonly string[];
    /** Runs around the core `findOne` (after the lookup): adds those relations, capped, with their totals. */
    middleware: (ctx: Context, next: Next) => Promise<unknown>;
  },
) => {
  const schemas = findOneSchemas(uid);
  return {
    method: 'GET' as const,
    path,
    handler: `${uid}.findOne`,
    request: {
      query: schemas.request?.query,
      params: { [param]: z.string().min(1).max(120).describe(`The entry's ${options.label}`) },
    },
    response: schemas.response,
    config: {
      middlewares: [
        resolveByKey(uid, param, options, populate, bounds?.separate),
        ...(bounds ? [bounds.middleware] : []),
      ],
    },
  };
};

/**
 * `GET /<plural>/slug/:slug`: one entry by its slug, with its direct relations (label, slug,
 * image), in one request; the relations that grow with the data (a partnership's actions) capped
 * at RELATION_CAP entries, the latest first, with `meta.totals` (./capped-relations.ts).
 */
export const bySlugRoute = (plural: string, uid: UID.ContentType, options: LookupOptions = bySlug) => {
  const separate = growingRelations(strapi, uid);
  return findOneByKeyRoute(
    `/${plural}/slug/:slug`,
    uid,
    'slug',
    options,
    (strapi) => defaultPopulate(strapi, uid),
    separate.length > 0
      ? {
          separate,
          middleware: cappedRelations(uid, separate, (strapi, target) => summaryPopulate(strapi, target)),
        }
      : undefined,
  );
};

/**
 * A content-API router whose routes are built on first read (once the content types are
 * registered) and then kept: Strapi annotates the route objects it reads.
 */
export const lazyRouter = <T>(build: () => T[]) => {
  let routes: T[] | undefined;
  return {
    type: 'content-api' as const,
    get routes(): T[] {
      routes ??= build();
      return routes;
    },
  };
};
