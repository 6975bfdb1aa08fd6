import type { Core } from '@strapi/strapi';
import type { Context } from '../../../http/request-state';
import { apiService } from '../../../platform/services';
import type openapi from '../services/openapi';

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/openapi.json: the document prepared at start-up, sent as it is. */
  document(ctx: Context) {
    const { json } = apiService<typeof openapi>(strapi, 'api::openapi.openapi').document();
    ctx.type = 'application/json';
    ctx.body = json;
  },
});
