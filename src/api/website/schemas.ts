/**
 * The contract of the website endpoints, as zod schemas: the OpenAPI document is generated from
 * them, and `types/website-api.ts` is checked against them.
 */
import * as z from 'zod/v4';

const localeSchema = z
  .enum(['fr', 'en'])
  .describe('Locale served: the requested one, or French when untranslated');
const pageQuery = {
  locale: z.enum(['fr', 'en']).optional().describe('Locale wanted (default fr); falls back to fr'),
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
  type: z.enum(['delegation', 'action', 'school-exchange']),
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
  type: z.enum(['delegation', 'action', 'school-exchange']).optional(),
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
    type: z.enum(['partnership', 'delegation', 'school-exchange', 'association-country']),
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
});
export const mapQuery = {
  type: z.enum(['partnership', 'delegation', 'school-exchange', 'association-country']).optional(),
  locale: pageQuery.locale,
};

const counts = {
  partnerships: z.number().int(),
  associations: z.number().int(),
  delegations: z.number().int(),
  actions: z.number().int(),
  schoolExchanges: z.number().int(),
  total: z.number().int(),
};
export const statsSchema = z.object({
  data: z.object({
    totals: z.object(counts),
    byContinent: z.array(z.object({ continent: z.string(), ...counts })),
    byCountry: z.array(
      z.object({ name: z.string(), slug: z.string(), isoCode: z.string(), continent: z.string(), ...counts }),
    ),
    byTheme: z.array(z.object({ name: z.string(), slug: z.string(), ...counts })),
    byYear: z.array(z.object({ year: z.number().int(), ...counts })),
    byType: z.object({
      actionType: z.record(z.string(), z.number().int()),
      delegationDirection: z.record(z.string(), z.number().int()),
      exchangeType: z.record(z.string(), z.number().int()),
      partnershipKind: z.record(z.string(), z.number().int()),
    }),
  }),
});

export const searchHitSchema = z.object({
  type: z.enum([
    'partnership',
    'association',
    'delegation',
    'action',
    'school-exchange',
    'country',
    'theme',
    'school',
  ]),
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
