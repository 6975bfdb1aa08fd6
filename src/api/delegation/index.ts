import type { Core } from '@strapi/strapi';
import { applyContentManagerSpec, type ContentManagerSpec } from '../../bootstrap/content-manager';
import contentManager from './content-manager.json';
import { registerDocumentValidation } from '../../utils/validation';
import { validateDelegation } from './validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::delegation.delegation', validateDelegation);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyContentManagerSpec(strapi, 'api::delegation.delegation', contentManager as ContentManagerSpec);
  },
};
