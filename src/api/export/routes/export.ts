import { catalogueSchema } from '../schemas';

/**
 * The datasets of public money, public and read-only (`auth: false`; what they read is published
 * content only). Their media types are named for the OpenAPI document (EXPORT_MEDIA_TYPES).
 */
const route = (path: string, action: string, response?: unknown) => ({
  method: 'GET' as const,
  path,
  handler: `api::export.export.${action}`,
  ...(response ? { response } : {}),
  config: { auth: false as const },
});

/** The media type each file route answers with (the OpenAPI document says so instead of JSON). */
export const EXPORT_MEDIA_TYPES: Record<string, string> = {
  '/exports/subventions.csv': 'text/csv',
};

export default {
  type: 'content-api',
  routes: [route('/exports', 'index', catalogueSchema), route('/exports/subventions.csv', 'subventions')],
};
