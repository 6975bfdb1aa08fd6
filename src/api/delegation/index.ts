import type { Core } from '@strapi/strapi';
import { registerDocumentValidation } from '../../utils/validation';
import { validateDelegation } from './validation';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerDocumentValidation(strapi, 'api::delegation.delegation', validateDelegation);
  },
};
