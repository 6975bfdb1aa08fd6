import {
  mapQuery,
  mapSchema,
  searchQuery,
  searchSchema,
  statsSchema,
  timelineQuery,
  timelineSchema,
} from '../schemas';

/**
 * Public, read-only aggregate endpoints for the city website. They need no credentials
 * (`auth: false`); what they read is limited to published content by the published-only rule.
 * `request`/`response` describe them in the OpenAPI document.
 */
const route = (path: string, action: string, query: Record<string, unknown>, response: unknown) => ({
  method: 'GET' as const,
  path,
  handler: `api::website.website.${action}`,
  request: { query },
  response,
  config: { auth: false as const },
});

export default {
  type: 'content-api',
  routes: [
    route('/timeline', 'timeline', timelineQuery, timelineSchema),
    route('/map', 'map', mapQuery, mapSchema),
    route('/stats', 'stats', {}, statsSchema),
    route('/search', 'search', searchQuery, searchSchema),
  ],
};
