import { factories, type Core, type UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import * as z from 'zod/v4';
import { DEFAULT_LOCALE } from '../bootstrap/locales';
import { defaultPopulate, mergePopulate, type PopulateTree } from './populate';

type Context = Parameters<Core.MiddlewareHandler>[0];
type Next = Parameters<Core.MiddlewareHandler>[1];

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
    const found = await strapi
      .documents(uid)
      .findFirst({ filters, locale, status, fields: ['documentId'] } as never);
    if (found) return { documentId: found.documentId, locale };
  }
  return null;
};

interface DefaultPopulateState {
  /** The population a curated route adds to the client's own, for the root `findOne` of `uid`. */
  defaultPopulate?: { uid: string; tree: PopulateTree };
}

/**
 * Adds a curated route's default population to the client's own at the root `findOne`, after the
 * core controller has validated and sanitised the client's query: the tree is built here from the
 * schemas (public relations only), so checking it again on every request was wasted work (the
 * largest part of an overview's time). The output is still sanitised as usual.
 */
export const registerDefaultPopulate = (strapi: Core.Strapi): void => {
  strapi.documents.use(async (context, next) => {
    if (context.action !== 'findOne') return next();
    const state = strapi.requestContext.get()?.state as DefaultPopulateState | undefined;
    const defaults = state?.defaultPopulate;
    if (!defaults || defaults.uid !== context.uid) return next();
    delete state.defaultPopulate;
    const params = context.params as { populate?: unknown };
    params.populate = mergePopulate(defaults.tree, params.populate);
    return next();
  });
};

/**
 * A route middleware that turns `/:key` into the core `findOne` of the entry it names, with a
 * default population added to the client's own (see registerDefaultPopulate).
 */
export const resolveByKey =
  (
    uid: UID.ContentType,
    param: string,
    options: LookupOptions,
    populate: (strapi: Core.Strapi) => PopulateTree,
  ) =>
  async (ctx: Context, next: Next): Promise<unknown> => {
    const value = String(ctx.params[param] ?? '');
    if (value.includes('\u0000')) {
      throw new errors.ValidationError(`${param}: contains a NUL character`, {
        errors: [{ path: [param], message: 'contains a NUL character', name: 'ValidationError' }],
      });
    }
    const found = await findDocumentId(strapi, uid, value, ctx, options);
    if (!found) {
      return ctx.notFound(`No ${strapi.getModel(uid).info.singularName} has the ${options.label} "${value}"`);
    }
    ctx.params.id = found.documentId;
    ctx.query.locale = found.locale;
    (ctx.state as DefaultPopulateState).defaultPopulate = { uid, tree: populate(strapi) };
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
  const [core] = factories.createCoreRouter(uid, { only: ['findOne'] }).routes as unknown as RouteSchemas[];
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
    config: { middlewares: [resolveByKey(uid, param, options, populate)] },
  };
};

/**
 * `GET /<plural>/slug/:slug`: one entry by its slug, with its direct relations (label, slug,
 * image), in one request.
 */
export const bySlugRoute = (plural: string, uid: UID.ContentType, options: LookupOptions = bySlug) =>
  findOneByKeyRoute(`/${plural}/slug/:slug`, uid, 'slug', options, (strapi) => defaultPopulate(strapi, uid));

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
