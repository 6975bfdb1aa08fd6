import type { Core } from '@strapi/strapi';
import { applyContentManagerSpec, type ContentManagerSpec } from '../../bootstrap/content-manager';
import contentManager from './content-manager.json';
import { registerDocumentValidation } from '../../utils/validation';
import { validateSchoolExchange } from './validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::school-exchange.school-exchange', validateSchoolExchange);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyContentManagerSpec(
      strapi,
      'api::school-exchange.school-exchange',
      contentManager as ContentManagerSpec,
    );
  },
};
