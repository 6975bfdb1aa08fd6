import type { Core } from '@strapi/strapi';
import { MAP_SOURCES, MAP_TYPES } from '../../../contributions';
import type * as z from 'zod/v4';
import type { mapSchema } from '../schemas';
import { findLocalized, localeParam, type Entry } from '../localized';
import { enumParam, refuseUnknown, type RawQuery } from '../query';

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
 * countries where associations work (with those associations).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async collection(query: RawQuery): Promise<FeatureCollection> {
    refuseUnknown(query, ['locale', 'type']);
    const locale = localeParam(query);
    const only = enumParam(query, 'type', FEATURE_TYPES);
    const features: MapFeature[] = [];

    for (const source of MAP_SOURCES) {
      if (only && only !== source.name) continue;
      const entries = await findLocalized(
        strapi,
        source.uid,
        {
          filters: { [source.location]: { latitude: { $notNull: true } } },
          populate: { [source.location]: true, themes: { fields: ['slug'] } },
        },
        locale,
      );
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
      const countries = await findLocalized(
        strapi,
        'api::country.country',
        {
          filters: { associations: { id: { $notNull: true } }, latitude: { $notNull: true } },
          populate: {
            associations: { fields: ['name', 'slug'], populate: { themes: { fields: ['slug'] } } },
          },
        },
        locale,
      );
      for (const country of countries) {
        const associations = (country.associations as Entry[] | null) ?? [];
        if (associations.length === 0) continue;
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
    return { type: 'FeatureCollection', features };
  },
});
