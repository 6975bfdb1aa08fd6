import type { Core } from '@strapi/strapi';
import { MAP_SOURCES, MAP_TYPES } from '../../../contributions';
import type * as z from 'zod/v4';
import { MAP_PAGE_SIZE, type mapSchema } from '../schemas';
import { findLocalized, localeParam, type Entry } from '../localized';
import { enumParam, intParam, refuseUnknown, type RawQuery } from '../query';
import { DEFAULT_LOCALE } from '../../../i18n/locales';
import { runtimeFilters } from '../../../documents/runtime-params';
import { column, joinOf, quote, rowsOf, type RawRows, type TableMeta } from '../../../platform/sql';

interface Location {
  placeName: string | null;
  /** A decimal column: PostgreSQL's driver gives it as a string. */
  latitude: number | string;
  longitude: number | string;
}

export type FeatureCollection = z.infer<typeof mapSchema>;
export type MapFeature = FeatureCollection['features'][number];
export type MapFeatureType = MapFeature['properties']['type'];
type Locale = MapFeature['properties']['locale'];

/** The located types (their contributions.ts), and the countries where associations work. */
const FEATURE_TYPES: MapFeatureType[] = [...MAP_TYPES, 'association-country'];

/** Every year an entry covers, from its start to its end date (or just the start year). */
export const yearsOf = (startDate: unknown, endDate: unknown): number[] => {
  if (typeof startDate !== 'string') return [];
  const first = Number(startDate.slice(0, 4));
  const last = typeof endDate === 'string' ? Number(endDate.slice(0, 4)) : first;
  return Array.from({ length: Math.max(0, last - first) + 1 }, (_, index) => first + index);
};

const point = (latitude: number | string, longitude: number | string): MapFeature['geometry'] => ({
  type: 'Point',
  // RFC 7946: longitude first.
  coordinates: [Number(longitude), Number(latitude)],
});

const slugs = (value: unknown): string[] =>
  ((value as Array<{ slug: string }> | null) ?? []).map((item) => item.slug);

/**
 * A GeoJSON FeatureCollection (RFC 7946) of everything published that has a location, and of the
 * countries where associations work (with those associations), a page at a time: features in the
 * order of the located types (their folders), then by slug, then the association countries. Each
 * type is counted, and only the slice of the page is read.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  /**
   * The ids of one page of a located type's published French entries, in slug order: read from
   * narrow rows (id, slug) with the location tested apart (`EXISTS`), instead of sorting whole
   * entries joined to their component, as a Document Service filter on the component does (on large
   * data, 3,000 delegations: 35 ms of sorting on disk against a few). The page itself is then read
   * through the Document Service by these ids.
   */
  const locatedIds = async (
    source: (typeof MAP_SOURCES)[number],
    start: number,
    limit: number,
  ): Promise<number[]> => {
    const meta = strapi.db.metadata.get(source.uid) as unknown as TableMeta;
    const join = joinOf(source.uid, meta, source.location);
    const target = meta.attributes[source.location]?.target;
    if (!target) throw new Error(`${source.uid}.${source.location}: no component`);
    const location = strapi.db.metadata.get(target) as unknown as TableMeta;
    const onField = Object.entries(join.on ?? {});
    const rows = rowsOf(
      await strapi.db.connection.raw<RawRows<{ id: number }>>(
        `SELECT t.id FROM ${quote(meta.tableName)} t
          WHERE t.published_at IS NOT NULL AND t.locale = ?
            AND EXISTS (SELECT 1 FROM ${quote(join.name)} c
                          JOIN ${quote(location.tableName)} l ON l.id = c.${quote(join.inverseJoinColumn.name)}
                         WHERE c.${quote(join.joinColumn.name)} = t.id
                           ${onField.map(([key]) => `AND c.${quote(key)} = ?`).join(' ')}
                           AND l.${quote(column(location, 'latitude'))} IS NOT NULL)
          ORDER BY t.${quote(column(meta, 'slug'))}, t.id LIMIT ? OFFSET ?`,
        [DEFAULT_LOCALE, ...onField.map(([, value]) => value), limit, start],
      ),
    );
    return rows.map((row) => row.id);
  };

  return {
    async collection(query: RawQuery): Promise<FeatureCollection> {
      refuseUnknown(query, ['locale', 'type', 'page', 'pageSize']);
      const locale = localeParam(query);
      const only = enumParam(query, 'type', FEATURE_TYPES);
      const page = intParam(query, 'page', 1, 100000) ?? 1;
      const pageSize = intParam(query, 'pageSize', 1, MAP_PAGE_SIZE.max) ?? MAP_PAGE_SIZE.default;
      const features: MapFeature[] = [];
      let offset = (page - 1) * pageSize;
      let total = 0;

      for (const source of MAP_SOURCES) {
        if (only && only !== source.name) continue;
        const filters = { [source.location]: { latitude: { $notNull: true } } };
        const count = await strapi
          .documents(source.uid)
          .count({ locale: DEFAULT_LOCALE, status: 'published', filters: runtimeFilters(filters) });
        total += count;
        const wanted = pageSize - features.length;
        if (offset >= count || wanted <= 0) {
          offset = Math.max(0, offset - count);
          continue;
        }
        const ids = await locatedIds(source, offset, wanted);
        const entries = await findLocalized(
          strapi,
          source.uid,
          {
            filters: { id: { $in: ids } },
            populate: { [source.location]: true, themes: { fields: ['slug'] } },
            sort: ['slug:asc', 'id:asc'],
          },
          locale,
        );
        offset = 0;
        for (const entry of entries) {
          const location = entry[source.location] as Location | null;
          if (!location) continue;
          features.push({
            type: 'Feature',
            geometry: point(location.latitude, location.longitude),
            properties: {
              type: source.name,
              title: entry.title as string,
              slug: entry.slug as string,
              placeName: location.placeName ?? null,
              themes: slugs(entry.themes),
              years: yearsOf(entry.startDate, entry.endDate),
              locale: entry.locale as Locale,
            },
          });
        }
      }

      if (!only || only === 'association-country') {
        // A few dozen countries at most: read whole, then sliced.
        const countries = await findLocalized(
          strapi,
          'api::country.country',
          {
            filters: { associations: { id: { $notNull: true } }, latitude: { $notNull: true } },
            populate: {
              associations: { fields: ['name', 'slug'], populate: { themes: { fields: ['slug'] } } },
            },
            sort: ['slug:asc'],
          },
          locale,
        );
        const located = countries.filter(
          (country) => ((country.associations as Entry[] | null) ?? []).length > 0,
        );
        total += located.length;
        for (const country of located.slice(offset, offset + Math.max(0, pageSize - features.length))) {
          const associations = (country.associations as Entry[] | null) ?? [];
          features.push({
            type: 'Feature',
            geometry: point(country.latitude as number, country.longitude as number),
            properties: {
              type: 'association-country',
              title: country.name as string,
              slug: country.slug as string,
              placeName: country.name as string,
              themes: [...new Set(associations.flatMap((association) => slugs(association.themes)))].sort(),
              years: [],
              locale: country.locale as Locale,
              associations: associations.map((association) => ({
                name: association.name as string,
                slug: association.slug as string,
              })),
            },
          });
        }
      }
      return {
        type: 'FeatureCollection',
        features,
        meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      };
    },
  };
};
