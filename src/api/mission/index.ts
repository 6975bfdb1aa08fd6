import type { Core } from '@strapi/strapi';
import { partialDateErrors, registerDocumentValidation } from '../../utils/validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::mission.mission', (data) =>
      partialDateErrors(data, ['creationDate']),
    );
  },
};
