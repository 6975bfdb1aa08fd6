import { catalogueSchema, declarationSchema, yearParam } from '../schemas';

/**
 * The datasets of public money, public and read-only (`auth: false`; what they read is published
 * content only), and the e-APD declaration, for the staff's API tokens only: no role of the
 * content API is granted it (src/bootstrap/public-permissions.ts, association-role.ts), a
 * full-access token or a custom one with `export.eApd` is. The media types of the files are named
 * for the OpenAPI document (EXPORT_MEDIA_TYPES).
 */
const route = (path: string, action: string, access: 'public' | 'token', response?: unknown) => ({
  method: 'GET' as const,
  path,
  handler: `api::export.export.${action}`,
  ...(path.includes(':year') ? { request: { params: { year: yearParam } } } : {}),
  ...(response ? { response } : {}),
  config: access === 'public' ? { auth: false as const } : {},
});

/** The media type each file route answers with (the OpenAPI document says so instead of JSON). */
export const EXPORT_MEDIA_TYPES: Record<string, string> = {
  '/exports/subventions.csv': 'text/csv',
  '/exports/e-apd/{year}.csv': 'text/csv',
  '/exports/iati-activities.xml': 'application/xml',
};

export default {
  type: 'content-api',
  routes: [
    route('/exports', 'index', 'public', catalogueSchema),
    route('/exports/subventions.csv', 'subventions', 'public'),
    route('/exports/iati-activities.xml', 'iati', 'public'),
    // Before `:year`, which would take "2025.csv" as a year (and refuse it).
    route('/exports/e-apd/:year.csv', 'eApdCsv', 'token'),
    route('/exports/e-apd/:year', 'eApd', 'token', declarationSchema),
  ],
};
