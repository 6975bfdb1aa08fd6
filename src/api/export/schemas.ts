/**
 * The contract of `GET /api/exports` (the catalogue of datasets), as a zod schema from which the
 * OpenAPI document is generated.
 */
import * as z from 'zod/v4';

export const catalogueSchema = z.object({
  conformsTo: z.literal('https://project-open-data.cio.gov/v1.1/schema'),
  dataset: z.array(
    z.object({
      identifier: z.string().describe('The address of the dataset'),
      title: z.string(),
      description: z.string(),
      keyword: z.array(z.string()),
      modified: z
        .string()
        .nullable()
        .describe('Last published change of what the dataset is made of (ISO 8601)'),
      publisher: z.object({ name: z.string() }),
      accessLevel: z.literal('public'),
      license: z.string().describe('Licence Ouverte 2.0'),
      licenseName: z.string(),
      language: z.array(z.string()),
      distribution: z.array(
        z.object({
          downloadURL: z.string(),
          mediaType: z.string(),
          format: z.string(),
          conformsTo: z.string().optional().describe('The schema the file follows'),
        }),
      ),
    }),
  ),
});

const total = { amountCents: z.string().describe('Cents, exact'), lineCount: z.number().int() };

/** `GET /api/exports/e-apd/{year}` (staff API token): the declaration of one fiscal year. */
export const declarationSchema = z.object({
  data: z.object({
    year: z.number().int(),
    currency: z.literal('EUR'),
    lines: z.array(
      z.object({
        documentId: z.string(),
        title: z.string(),
        amountCents: z.string(),
        flow: z.enum(['commitment', 'disbursement']),
        category: z.string(),
        categoryLabel: z.string(),
        country: z.object({ isoCode: z.string(), name: z.string() }).nullable(),
        beneficiary: z.string().nullable(),
        partnership: z.string().nullable(),
        action: z.string().nullable(),
        delegation: z.string().nullable(),
        declared: z.boolean(),
        exclusion: z.object({ reason: z.string(), label: z.string() }).nullable(),
      }),
    ),
    totals: z.object({
      declared: z.object(total),
      excluded: z.object(total),
      byCategory: z.array(z.object({ category: z.string(), label: z.string(), ...total })),
      byCountry: z.array(z.object({ isoCode: z.string().nullable(), name: z.string(), ...total })),
    }),
  }),
});

/** The fiscal year of an e-APD route. */
export const yearParam = z
  .string()
  .regex(/^\d{4}$/)
  .describe('Fiscal year (four digits, 2000 to 2100)');
