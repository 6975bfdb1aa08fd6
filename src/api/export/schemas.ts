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
