import type { Core, UID } from '@strapi/strapi';
import type { Context, Next } from '../http/request-state';
import { runtimeFields, runtimeFilters, runtimePopulate, runtimeSort } from '../documents/runtime-params';
import type { PopulateTree } from './populate';
import { DEFAULT_LOCALE } from '../i18n/locales';

/** At most this many entries of a capped relation (the most recent first); `meta.totals` gives all. */
export const RELATION_CAP = 20;

interface RelationAttribute {
  type: string;
  relation?: string;
  target?: UID.ContentType;
  mappedBy?: string;
  inversedBy?: string;
  private?: boolean;
}

const attributesOf = (strapi: Core.Strapi, uid: UID.ContentType): Record<string, RelationAttribute> =>
  strapi.getModel(uid).attributes;

/**
 * The relations of `uid` that grow with the data: to-many, public, to a type with Draft & Publish
 * (content, not a taxonomy), and with an inverse to filter on. A partnership's actions, a
 * country's delegations, a theme's school exchanges — not a partnership's themes.
 */
export const growingRelations = (strapi: Core.Strapi, uid: UID.ContentType): string[] =>
  Object.entries(attributesOf(strapi, uid))
    .filter(([, attribute]) => {
      if (attribute.type !== 'relation' || attribute.private || !attribute.target) return false;
      if (attribute.relation !== 'oneToMany' && attribute.relation !== 'manyToMany') return false;
      if (!(attribute.mappedBy ?? attribute.inversedBy)) return false;
      const target = strapi.getModel(attribute.target) as { options?: { draftAndPublish?: boolean } };
      return target.options?.draftAndPublish === true;
    })
    .map(([name]) => name);

/**
 * The order of a capped list, as the slices to read one after the other: dated types by start
 * date, the latest first, then the undated ones by slug (the databases do not agree on where a
 * descending sort puts NULLs); funding lines by fiscal year, the latest first; the others by name.
 */
const slicesOf = (
  strapi: Core.Strapi,
  target: UID.ContentType,
): Array<{ where?: Record<string, unknown>; sort: string[] }> => {
  const attributes = strapi.getModel(target).attributes as Record<string, unknown>;
  if ('startDate' in attributes)
    return [
      { where: { startDate: { $notNull: true } }, sort: ['startDate:desc', 'slug:asc'] },
      { where: { startDate: { $null: true } }, sort: ['slug:asc'] },
    ];
  // Funding lines: the latest fiscal year first.
  if ('fiscalYear' in attributes) return [{ sort: ['fiscalYear:desc', 'title:asc'] }];
  return [{ sort: ['name' in attributes ? 'name:asc' : 'slug:asc'] }];
};

const isTree = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What the query sanitiser leaves of a `populate`: a tree, `*`, a list of names, or `true`. */
const isPopulate = (value: unknown): value is Record<string, unknown> | string | string[] | true =>
  value === true || typeof value === 'string' || Array.isArray(value) || isTree(value);

/**
 * A route middleware, after the core `findOne` of an entry of `uid` (validated, published only,
 * sanitised), that adds each of `relations` (which the route keeps out of the core population:
 * `separate` in ./by-key.ts) as at most RELATION_CAP entries in the served locale and status, the
 * latest first, and `meta.totals` with every relation's full count, so that a client knows what
 * the cap left out (and lists the rest from the type's own route, e.g.
 * `/api/actions?filters[partnership][slug][$eq]=…`). Stock `populate` cannot bound a relation: the
 * Document Service refuses `limit` inside `populate`.
 *
 * Each listed entry has the client's own population of that relation where it gave one
 * (`populate[actions][fields][0]=slug`), the route's default otherwise (`listed`). What is
 * populated goes through the content API's query sanitiser with the caller's credentials first, as
 * stock `populate` does: a relation to a type the caller may not `find` is left out, and so are
 * private fields; the entries are then sanitised for the caller like the rest of the answer.
 */
export const cappedRelations =
  (
    uid: UID.ContentType,
    relations: readonly string[],
    listed: (strapi: Core.Strapi, target: UID.ContentType) => PopulateTree[string],
  ) =>
  async (ctx: Context, next: Next): Promise<void> => {
    await next();
    if (ctx.status !== 200) return;
    const body = ctx.body as { data?: Record<string, unknown>; meta?: Record<string, unknown> } | undefined;
    const data = body?.data;
    const documentId = data?.documentId;
    if (!body || !data || typeof documentId !== 'string') return;
    const locale = typeof ctx.query.locale === 'string' ? ctx.query.locale : undefined;
    const status: 'draft' | 'published' = ctx.query.status === 'draft' ? 'draft' : 'published';
    const auth = (ctx.state as { auth?: unknown }).auth;
    const asked = isTree(ctx.query.populate) ? ctx.query.populate : {};
    const attributes = attributesOf(strapi, uid);

    const requested: Record<string, unknown> = {};
    for (const relation of relations) {
      const target = attributes[relation]?.target;
      if (!target) continue;
      const own = asked[relation];
      requested[relation] = isTree(own)
        ? {
            fields: typeof own.fields === 'string' ? own.fields.split(',') : own.fields,
            populate: own.populate,
          }
        : listed(strapi, target);
    }
    const sanitized = (await strapi.contentAPI.sanitize.query({ populate: requested }, strapi.getModel(uid), {
      auth,
    })) as { populate?: Record<string, unknown> };

    const totals: Record<string, number> = {};
    for (const relation of relations) {
      const { target, mappedBy, inversedBy } = attributes[relation] ?? {};
      const inverse = mappedBy ?? inversedBy;
      const tree = sanitized.populate?.[relation];
      if (!target || !inverse || tree === undefined || tree === false) continue;
      const { fields, populate } = isTree(tree) ? tree : { fields: undefined, populate: undefined };
      const filters = runtimeFilters({ [inverse]: { documentId: { $eq: documentId } } });
      const slices = slicesOf(strapi, target);
      const selection = {
        locale,
        status,
        ...(Array.isArray(fields) ? { fields: runtimeFields(fields.map(String)) } : {}),
        ...(isPopulate(populate) ? { populate: runtimePopulate(populate) } : {}),
      };
      let entries: Array<Record<string, unknown>>;
      if (slices.length === 1) {
        entries = await strapi.documents(target).findMany({
          ...selection,
          filters,
          sort: runtimeSort(slices[0].sort),
          limit: RELATION_CAP,
        });
      } else {
        // The order is made by light queries (documentIds only, slice after slice); the entries
        // with what they show are then read through the Document Service in one query.
        const order: string[] = [];
        for (const slice of slices) {
          if (order.length >= RELATION_CAP) break;
          // One SQL statement per slice, through the query engine: the rows of the served locale
          // and status that link to this entry (published rows link to published rows).
          const rows = (await strapi.db.query(target).findMany({
            select: ['documentId'],
            where: {
              $and: [
                { [inverse]: { documentId: documentId } },
                { locale: locale ?? DEFAULT_LOCALE },
                { publishedAt: status === 'published' ? { $notNull: true } : { $null: true } },
                ...(slice.where ? [slice.where] : []),
              ],
            },
            orderBy: slice.sort.map((path) => {
              const [name, direction = 'asc'] = path.split(':');
              return { [name]: direction };
            }),
            limit: RELATION_CAP - order.length,
          })) as Array<{ documentId: string }>;
          order.push(...rows.map((row) => row.documentId));
        }
        const found = (
          order.length === 0
            ? []
            : await strapi.documents(target).findMany({
                ...selection,
                filters: runtimeFilters({ documentId: { $in: order } }),
                limit: RELATION_CAP,
              })
        ) as Array<Record<string, unknown> & { documentId: string }>;
        const byId = new Map(found.map((entry) => [entry.documentId, entry]));
        entries = order.flatMap((documentId) => byId.get(documentId) ?? []);
      }
      // The Document Service selects the sort's columns too; the client asked for its fields only.
      const sorted = slices.length === 1 ? slices[0].sort.map((path) => path.split(':')[0]) : [];
      const extra = Array.isArray(fields) ? sorted.filter((name) => !fields.includes(name)) : [];
      const served = entries.map((entry) =>
        Object.fromEntries(Object.entries(entry).filter(([name]) => !extra.includes(name))),
      );
      data[relation] = await strapi.contentAPI.sanitize.output(served, strapi.getModel(target), { auth });
      totals[relation] =
        entries.length < RELATION_CAP
          ? entries.length
          : await strapi.documents(target).count({ locale, status, filters });
    }
    body.meta = { ...body.meta, totals, perRelation: RELATION_CAP };
  };
