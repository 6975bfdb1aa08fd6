import { bySlugRoute } from '../../../utils/by-slug';

export default {
  type: 'content-api',
  routes: [bySlugRoute('themes', 'api::theme.theme')],
};
