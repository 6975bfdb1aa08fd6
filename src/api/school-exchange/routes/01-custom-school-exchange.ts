import { bySlugRoute } from '../../../utils/by-slug';

export default {
  type: 'content-api',
  routes: [bySlugRoute('school-exchanges', 'api::school-exchange.school-exchange')],
};
