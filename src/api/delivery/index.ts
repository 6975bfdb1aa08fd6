import type { Core } from '@strapi/strapi';
import { applyContentManagerSpec, type ContentManagerSpec } from '../../bootstrap/content-manager';
import contentManager from './content-manager.json';
import { DELIVERY_UID } from './outbox';

export default {
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyContentManagerSpec(strapi, DELIVERY_UID, contentManager as ContentManagerSpec);
  },
};
