import type { Core } from '@strapi/strapi';
import type { Context } from '../../../http/request-state';
import { apiService } from '../../../platform/services';
import type map from '../services/map';
import type search from '../services/search';
import type stats from '../services/stats';
import type timeline from '../services/timeline';

/**
 * The website's aggregate endpoints: each translates the query string to a service call. The
 * services read through the Document Service inside the request, so only published content is used.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async timeline(ctx: Context) {
    ctx.body = await apiService<typeof timeline>(strapi, 'api::website.timeline').list(ctx.query);
  },
  async map(ctx: Context) {
    ctx.body = await apiService<typeof map>(strapi, 'api::website.map').collection(ctx.query);
    ctx.type = 'application/geo+json';
  },
  async stats(ctx: Context) {
    ctx.body = { data: await apiService<typeof stats>(strapi, 'api::website.stats').compute(ctx.query) };
  },
  async search(ctx: Context) {
    ctx.body = await apiService<typeof search>(strapi, 'api::website.search').search(ctx.query);
  },
});
