import type { Core } from '@strapi/strapi';
import { applyContentManagerSpec, type ContentManagerSpec } from '../../bootstrap/content-manager';
import contentManager from './content-manager.json';
import { partialDateErrors, registerDocumentValidation } from '../../utils/validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::mission.mission', (data) =>
      partialDateErrors(data, ['creationDate']),
    );
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await applyContentManagerSpec(strapi, 'api::mission.mission', contentManager as ContentManagerSpec);
  },
};
