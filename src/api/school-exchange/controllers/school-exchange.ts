import { factories } from '@strapi/strapi';

export default factories.createCoreController('api::school-exchange.school-exchange');
