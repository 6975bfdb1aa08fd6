import type { Core } from '@strapi/strapi';
import { TIMELINE, TIMELINE_TYPES, type TimelineType } from '../../../contributions';
import type * as z from 'zod/v4';
import type { timelineItemSchema } from '../schemas';
import { findLocalized, localeParam, type Entry } from '../localized';
import { DEFAULT_LOCALE } from '../../../i18n/locales';
import { runtimeFilters } from '../../../documents/runtime-params';
import { enumParam, intParam, pageParams, refuseUnknown, stringParam, type RawQuery } from '../query';

export type TimelineItem = z.infer<typeof timelineItemSchema>;

const KNOWN = ['from', 'to', 'country', 'theme', 'type', 'order', 'locale', 'page', 'pageSize'] as const;

const toItem = (type: TimelineType, summary: string, entry: Entry): TimelineItem => {
  const country = entry.country as TimelineItem['country'] | null;
  const themes = (entry.themes as Array<{ name: string; slug: string }> | null) ?? [];
  return {
    type,
    documentId: entry.documentId,
    slug: entry.slug as string,
    title: entry.title as string,
    summary: (entry[summary] as string | null) ?? null,
    startDate: (entry.startDate as string | null) ?? null,
    endDate: (entry.endDate as string | null) ?? null,
    locale: entry.locale as TimelineItem['locale'],
    country: country ? { name: country.name, slug: country.slug, isoCode: country.isoCode } : null,
    themes: themes.map((theme) => ({ name: theme.name, slug: theme.slug })),
  };
};

/** The timeline's order: dated entries by start date (then title), then the undated by title. */
const compare = (direction: 1 | -1) => (a: TimelineItem, b: TimelineItem) => {
  if (a.startDate === b.startDate) return a.title.localeCompare(b.title, 'fr');
  if (a.startDate === null) return 1;
  if (b.startDate === null) return -1;
  return a.startDate < b.startDate ? -direction : direction;
};

/**
 * Delegations, actions and school exchanges in date order (dated entries first, then the undated
 * ones by title), filtered by year range, country (ISO code), theme (slug) and type, paginated.
 * Each type is counted, and only the entries that can fall on the page are read: the first
 * page × pageSize of each type in that order (a page's cost does not grow with the number of
 * entries); one query per type and populated relation, whatever the page size.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(query: RawQuery) {
    refuseUnknown(query, KNOWN);
    const from = intParam(query, 'from', 1900, 2100);
    const to = intParam(query, 'to', 1900, 2100);
    const country = stringParam(query, 'country', 2)?.toUpperCase();
    const theme = stringParam(query, 'theme', 120);
    const type = enumParam(query, 'type', TIMELINE_TYPES);
    const order = enumParam(query, 'order', ['asc', 'desc'] as const) ?? 'asc';
    const locale = localeParam(query);
    const { page, pageSize } = pageParams(query);

    const filters: Record<string, unknown>[] = [];
    if (from !== undefined) filters.push({ startDate: { $gte: String(from) } });
    if (to !== undefined) filters.push({ startDate: { $lt: String(to + 1) } });
    if (country) filters.push({ country: { isoCode: { $eq: country } } });
    if (theme) filters.push({ themes: { slug: { $eq: theme } } });
    const dated = { $and: [...filters, { startDate: { $notNull: true } }] };
    const undated = { $and: [...filters, { startDate: { $null: true } }] };
    const sources = TIMELINE.filter((source) => !type || type === source.name);

    const count = (uid: (typeof sources)[number]['uid'], where: Record<string, unknown>) =>
      strapi
        .documents(uid)
        .count({ locale: DEFAULT_LOCALE, status: 'published', filters: runtimeFilters(where) });
    const counts = await Promise.all(
      sources.map(async (source) => ({
        dated: await count(source.uid, dated),
        undated: await count(source.uid, undated),
      })),
    );
    const datedTotal = counts.reduce((sum, each) => sum + each.dated, 0);
    const total = counts.reduce((sum, each) => sum + each.dated + each.undated, 0);
    const first = (page - 1) * pageSize;
    const last = Math.min(total, page * pageSize);

    /** The first `limit` entries of each type in one part of the order, merged in that order. */
    const read = async (where: Record<string, unknown>, sort: string[], limits: number[]) => {
      const items: TimelineItem[] = [];
      for (const [index, source] of sources.entries()) {
        if (limits[index] <= 0) continue;
        const entries = await findLocalized(
          strapi,
          source.uid,
          {
            filters: where,
            populate: {
              country: { fields: ['name', 'slug', 'isoCode'] },
              themes: { fields: ['name', 'slug'] },
            },
            sort,
            limit: limits[index],
          },
          locale,
        );
        items.push(...entries.map((entry) => toItem(source.name, source.summary, entry)));
      }
      return items.sort(compare(order === 'asc' ? 1 : -1));
    };

    let data: TimelineItem[] = [];
    if (first < last) {
      if (first < datedTotal) {
        const part = await read(
          dated,
          [`startDate:${order}`, 'title:asc'],
          counts.map((each) => Math.min(each.dated, last)),
        );
        data = part.slice(first, Math.min(last, datedTotal));
      }
      if (last > datedTotal) {
        const skip = Math.max(0, first - datedTotal);
        const part = await read(
          undated,
          ['title:asc'],
          counts.map((each) => Math.min(each.undated, last - datedTotal)),
        );
        data.push(...part.slice(skip, last - datedTotal));
      }
    }
    return {
      data,
      meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
    };
  },
});
