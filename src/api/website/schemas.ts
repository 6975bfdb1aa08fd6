/**
 * The contract of the website endpoints, as zod schemas: the OpenAPI document is generated from
 * them, and `types/public-api.ts` is checked against them (tests/unit/public-types.test.ts). The
 * lists of types come from the types' own declarations (src/contributions).
 */
import * as z from 'zod/v4';
import {
  BREAKDOWN_KEYS,
  MAP_TYPES,
  SEARCH_TYPES,
  STATS_KEYS,
  TIMELINE_TYPES,
  type BreakdownKey,
  type StatsKey,
} from '../../contributions';
import { LOCALES, type LocaleCode } from '../../i18n/locales';

const LOCALE_CODES = LOCALES.map(({ code }) => code) as [LocaleCode, ...LocaleCode[]];
const MAP_FEATURE_TYPES = [...MAP_TYPES, 'association-country' as const];

const localeSchema = z
  .enum(LOCALE_CODES)
  .describe('Locale served: the requested one, or French when untranslated');
const pageQuery = {
  locale: z.enum(LOCALE_CODES).optional().describe('Locale wanted (default fr); falls back to fr'),
  page: z.string().regex(/^\d+$/).optional().describe('Page number, from 1'),
  pageSize: z.string().regex(/^\d+$/).optional().describe('Entries per page, 1 to 100 (default 25)'),
};
export const paginationSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
});
const partialDate = z.string().describe('YYYY, YYYY-MM or YYYY-MM-DD');
const themeRef = z.object({ name: z.string(), slug: z.string() });

export const timelineItemSchema = z.object({
  type: z.enum(TIMELINE_TYPES),
  documentId: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  startDate: partialDate.nullable(),
  endDate: partialDate.nullable(),
  locale: localeSchema,
  country: z.object({ name: z.string(), slug: z.string(), isoCode: z.string() }).nullable(),
  themes: z.array(themeRef),
});
export const timelineSchema = z.object({
  data: z.array(timelineItemSchema),
  meta: z.object({ pagination: paginationSchema }),
});
export const timelineQuery = {
  from: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .describe('First year'),
  to: z
    .string()
    .regex(/^\d{4}$/)
    .optional()
    .describe('Last year'),
  country: z.string().length(2).optional().describe('ISO 3166-1 alpha-2 code'),
  theme: z.string().optional().describe('Theme slug'),
  type: z.enum(TIMELINE_TYPES).optional(),
  order: z.enum(['asc', 'desc']).optional().describe('Date order (default asc)'),
  ...pageQuery,
};

export const mapFeatureSchema = z.object({
  type: z.literal('Feature'),
  geometry: z.object({
    type: z.literal('Point'),
    coordinates: z.tuple([z.number(), z.number()]).describe('[longitude, latitude] (RFC 7946)'),
  }),
  properties: z.object({
    type: z.enum(MAP_FEATURE_TYPES),
    title: z.string(),
    slug: z.string(),
    placeName: z.string().nullable(),
    themes: z.array(z.string()).describe('Theme slugs'),
    years: z.array(z.number().int()),
    locale: localeSchema,
    associations: z.array(z.object({ name: z.string(), slug: z.string() })).optional(),
  }),
});
export const mapSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(mapFeatureSchema),
  meta: z
    .object({ pagination: paginationSchema })
    .describe('A foreign member (RFC 7946 §6.1): the page of features served and the total'),
});
export const MAP_PAGE_SIZE = { default: 500, max: 2000 };
export const mapQuery = {
  type: z.enum(MAP_FEATURE_TYPES).optional(),
  locale: pageQuery.locale,
  page: pageQuery.page,
  pageSize: z
    .string()
    .regex(/^\d+$/)
    .optional()
    .describe(`Features per page, 1 to ${MAP_PAGE_SIZE.max} (default ${MAP_PAGE_SIZE.default})`),
};

const counts = Object.fromEntries([...STATS_KEYS, 'total'].map((key) => [key, z.number().int()])) as Record<
  StatsKey | 'total',
  z.ZodNumber
>;
export const statsSchema = z.object({
  data: z.object({
    totals: z.object(counts),
    byContinent: z.array(z.object({ continent: z.string(), ...counts })),
    byCountry: z.array(
      z.object({ name: z.string(), slug: z.string(), isoCode: z.string(), continent: z.string(), ...counts }),
    ),
    byTheme: z.array(z.object({ name: z.string(), slug: z.string(), ...counts })),
    byYear: z.array(z.object({ year: z.number().int(), ...counts })),
    byType: z.object(
      Object.fromEntries(
        BREAKDOWN_KEYS.map((key) => [key, z.record(z.string(), z.number().int())]),
      ) as Record<BreakdownKey, z.ZodRecord<z.ZodString, z.ZodNumber>>,
    ),
  }),
});

export const searchHitSchema = z.object({
  type: z.enum(SEARCH_TYPES),
  documentId: z.string(),
  slug: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  locale: localeSchema,
  score: z.number(),
});
export const searchSchema = z.object({
  data: z.array(searchHitSchema),
  meta: z.object({ pagination: paginationSchema }),
});
export const searchQuery = {
  q: z.string().min(1).max(200).describe('Words to look for (accents and case ignored)'),
  type: searchHitSchema.shape.type.optional(),
  ...pageQuery,
};
