import type { Core } from '@strapi/strapi';
import type { OpenApiDocument } from '../services/openapi';

type Context = Parameters<Core.MiddlewareHandler>[0];
interface OpenApiService {
  document(): OpenApiDocument;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  /** GET /api/openapi.json: the document prepared at start-up, sent as it is. */
  document(ctx: Context) {
    const { json } = (strapi.service('api::openapi.openapi') as unknown as OpenApiService).document();
    ctx.type = 'application/json';
    ctx.body = json;
  },
});
