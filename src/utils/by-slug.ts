import type { Core, UID } from '@strapi/strapi';
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

/**
 * A route middleware that turns `/:key` into the core `findOne` of the entry it names, with a
 * default population added to the client's own.
 */
export const resolveByKey =
  (
    uid: UID.ContentType,
    param: string,
    options: LookupOptions,
    populate: (strapi: Core.Strapi) => PopulateTree,
  ) =>
  async (ctx: Context, next: Next): Promise<unknown> => {
    const strapi = (ctx as unknown as { strapi?: Core.Strapi }).strapi ?? global.strapi;
    const value = String(ctx.params[param] ?? '');
    const found = await findDocumentId(strapi, uid, value, ctx, options);
    if (!found) {
      return ctx.notFound(`No ${strapi.getModel(uid).info.singularName} has the ${options.label} "${value}"`);
    }
    ctx.params.id = found.documentId;
    ctx.query.locale = found.locale;
    ctx.query.populate = mergePopulate(populate(strapi), ctx.query.populate) as typeof ctx.query.populate;
    return next();
  };

/**
 * `GET /<plural>/slug/:slug`: one entry by its slug, with its direct relations (label, slug,
 * image), in one request. Served by the core `findOne`, so it needs no permission of its own and
 * keeps the core validation and sanitising.
 */
export const bySlugRoute = (plural: string, uid: UID.ContentType, options: LookupOptions = bySlug) => ({
  method: 'GET' as const,
  path: `/${plural}/slug/:slug`,
  handler: `${uid}.findOne`,
  config: {
    middlewares: [resolveByKey(uid, 'slug', options, (strapi) => defaultPopulate(strapi, uid))],
  },
});
