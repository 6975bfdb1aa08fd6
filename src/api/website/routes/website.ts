/**
 * Public, read-only aggregate endpoints for the city website. They need no credentials
 * (`auth: false`); what they read is limited to published content by the published-only rule.
 */
const route = (path: string, action: string) => ({
  method: 'GET' as const,
  path,
  handler: `api::website.website.${action}`,
  config: { auth: false as const },
});

export default {
  type: 'content-api',
  routes: [
    route('/timeline', 'timeline'),
    route('/map', 'map'),
    route('/stats', 'stats'),
    route('/search', 'search'),
  ],
};
