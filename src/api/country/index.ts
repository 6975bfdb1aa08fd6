import type { Core } from '@strapi/strapi';
import { applyContentManagerSpec, type ContentManagerSpec } from '../../bootstrap/content-manager';
import contentManager from './content-manager.json';
import { registerDocumentValidation } from '../../utils/validation';
import { validateCountry } from './validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::country.country', validateCountry);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyContentManagerSpec(strapi, 'api::country.country', contentManager as ContentManagerSpec);
  },
};
