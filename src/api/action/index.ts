import type { Core } from '@strapi/strapi';
import { applyContentManagerSpec, type ContentManagerSpec } from '../../bootstrap/content-manager';
import { dateRangeErrors, registerDocumentValidation } from '../../utils/validation';
import contentManager from './content-manager.json';

const UID = 'api::action.action';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, UID, dateRangeErrors);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyContentManagerSpec(strapi, UID, contentManager as ContentManagerSpec);
  },
};
