import type { Core } from '@strapi/strapi';
import { registerDocumentValidation } from '../../utils/validation';
import { validateCountry } from './validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::country.country', validateCountry);
  },
};
