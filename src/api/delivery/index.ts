import type { Core } from '@strapi/strapi';
import { applyContentManagerSpec, type ContentManagerSpec } from '../../bootstrap/content-manager';
import contentManager from './content-manager.json';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyContentManagerSpec(strapi, 'api::delivery.delivery', contentManager as ContentManagerSpec);
  },
};
