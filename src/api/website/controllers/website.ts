import type { Core } from '@strapi/strapi';

type Context = Parameters<Core.MiddlewareHandler>[0];

/**
 * The website's aggregate endpoints: each translates the query string to a service call. The
 * services read through the Document Service inside the request, so only published content is used.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async timeline(ctx: Context) {
    ctx.body = await strapi.service('api::website.timeline').list(ctx.query);
  },
  async map(ctx: Context) {
    ctx.body = await strapi.service('api::website.map').collection(ctx.query);
    ctx.type = 'application/geo+json';
  },
  async stats(ctx: Context) {
    ctx.body = { data: await strapi.service('api::website.stats').compute(ctx.query) };
  },
  async search(ctx: Context) {
    ctx.body = await strapi.service('api::website.search').search(ctx.query);
  },
});
