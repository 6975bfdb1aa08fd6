import type { Core } from '@strapi/strapi';
import { registerDocumentValidation } from '../../utils/validation';
import { validateSchoolExchange } from './validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::school-exchange.school-exchange', validateSchoolExchange);
  },
};
