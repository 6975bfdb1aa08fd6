import { bySlugRoute, findOneByKeyRoute, lazyRouter, type LookupOptions } from '../../../routes/by-key';
import { compactPopulate, type PopulateTree } from '../../../routes/populate';
import type { Core, UID as Uid } from '@strapi/strapi';
import type { Context, Next } from '../../../http/request-state';
import { runtimeFilters, runtimePopulate, runtimeSort } from '../../../documents/runtime-params';

const UID = 'api::country.country' satisfies Uid.ContentType;

/** A country is named by its slug ("gabon") or its ISO code ("GA", any case). */
const bySlugOrIsoCode: LookupOptions = {
  label: 'slug or ISO code',
  filters: (value) => ({ $or: [{ slug: { $eq: value } }, { isoCode: { $eq: value.toUpperCase() } }] }),
};

const byIsoCode: LookupOptions = {
  label: 'ISO code',
  filters: (value) => ({ isoCode: { $eq: value.toUpperCase() } }),
};

/** The country's relations that the overview lists. */
const OVERVIEW_RELATIONS = ['partnerships', 'delegations', 'actions', 'schoolExchanges', 'associations'];

/** At most this many entries of each relation in an overview (the most recent first); `meta.totals` gives all. */
export const OVERVIEW_CAP = 20;

interface RelationAttribute {
  target: Uid.ContentType;
  mappedBy?: string;
  inversedBy?: string;
}

const relationOf = (strapi: Core.Strapi, relation: string): RelationAttribute =>
  (strapi.getModel(UID).attributes as unknown as Record<string, RelationAttribute>)[relation];

/** The order of a capped list: dated types by start date (latest first), the others by name. */
const sortOf = (strapi: Core.Strapi, target: Uid.ContentType): string[] => {
  const attributes = strapi.getModel(target).attributes as Record<string, unknown>;
  if ('startDate' in attributes) return ['startDate:desc', 'slug:asc'];
  return ['name' in attributes ? 'name:asc' : 'slug:asc'];
};

/** The country's own population (its relations are served capped by `overviewRelations`). */
const overviewPopulate = (): PopulateTree => ({});

/**
 * After the core `findOne` (validated, published only, sanitised): each relation's published
 * entries in the served locale, at most OVERVIEW_CAP of them (the latest first), each with its
 * to-one relations and taxonomies (compactPopulate), sanitised for the caller like the rest; and `meta.totals`, so that a client
 * knows what the cap left out (and lists it from the type's own route, e.g.
 * `/api/actions?filters[country][isoCode][$eq]=GA`). Stock `populate` could not bound a relation:
 * the Document Service refuses `limit` inside `populate`.
 */
const overviewRelations = async (ctx: Context, next: Next): Promise<void> => {
  await next();
  if (ctx.status !== 200) return;
  const body = ctx.body as { data?: Record<string, unknown>; meta?: Record<string, unknown> } | undefined;
  const data = body?.data;
  const documentId = data?.documentId;
  if (!body || !data || typeof documentId !== 'string') return;
  const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined;
  const auth = (ctx.state as { auth?: unknown }).auth;
  const totals: Record<string, number> = {};
  for (const relation of OVERVIEW_RELATIONS) {
    const { target, mappedBy, inversedBy } = relationOf(strapi, relation);
    const inverse = mappedBy ?? inversedBy;
    if (!inverse) continue;
    const filters = runtimeFilters({ [inverse]: { documentId: { $eq: documentId } } });
    const entries = await strapi.documents(target).findMany({
      locale,
      status: 'published',
      filters,
      sort: runtimeSort(sortOf(strapi, target)),
      limit: OVERVIEW_CAP,
      populate: runtimePopulate(compactPopulate(strapi, target)),
    });
    data[relation] = await strapi.contentAPI.sanitize.output(entries, strapi.getModel(target), { auth });
    totals[relation] =
      entries.length < OVERVIEW_CAP
        ? entries.length
        : await strapi.documents(target).count({ locale, status: 'published', filters });
  }
  body.meta = { ...body.meta, totals, perRelation: OVERVIEW_CAP };
};

export default lazyRouter(() => [
  bySlugRoute('countries', UID, bySlugOrIsoCode),
  findOneByKeyRoute('/countries/:isoCode/overview', UID, 'isoCode', byIsoCode, overviewPopulate, {
    separate: OVERVIEW_RELATIONS,
    middleware: overviewRelations,
  }),
]);
