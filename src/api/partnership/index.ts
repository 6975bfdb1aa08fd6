import type { Core } from '@strapi/strapi';
import { dateRangeErrors, registerDocumentValidation } from '../../utils/validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::partnership.partnership', dateRangeErrors);
  },
};
