import type { Core } from '@strapi/strapi';
import { TIMELINE, TIMELINE_TYPES, type TimelineType } from '../../../contributions';
import type * as z from 'zod/v4';
import type { timelineItemSchema } from '../schemas';
import { findLocalized, localeParam, type Entry } from '../localized';
import {
  enumParam,
  intParam,
  pageParams,
  paginate,
  refuseUnknown,
  stringParam,
  type RawQuery,
} from '../query';

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

/**
 * Delegations, actions and school exchanges in date order (dated entries first, then the undated
 * ones by title), filtered by year range, country (ISO code), theme (slug) and type, paginated.
 * One query per type and populated relation, whatever the page size.
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
    const page = pageParams(query);

    const filters: Record<string, unknown>[] = [];
    if (from !== undefined) filters.push({ startDate: { $gte: String(from) } });
    if (to !== undefined) filters.push({ startDate: { $lt: String(to + 1) } });
    if (country) filters.push({ country: { isoCode: { $eq: country } } });
    if (theme) filters.push({ themes: { slug: { $eq: theme } } });

    const items: TimelineItem[] = [];
    for (const source of TIMELINE) {
      if (type && type !== source.name) continue;
      const entries = await findLocalized(
        strapi,
        source.uid,
        {
          filters: { $and: filters },
          populate: {
            country: { fields: ['name', 'slug', 'isoCode'] },
            themes: { fields: ['name', 'slug'] },
          },
        },
        locale,
      );
      items.push(...entries.map((entry) => toItem(source.name, source.summary, entry)));
    }

    const direction = order === 'asc' ? 1 : -1;
    items.sort((a, b) => {
      if (a.startDate === b.startDate) return a.title.localeCompare(b.title, 'fr');
      if (a.startDate === null) return 1;
      if (b.startDate === null) return -1;
      return a.startDate < b.startDate ? -direction : direction;
    });
    return paginate(items, page);
  },
});
