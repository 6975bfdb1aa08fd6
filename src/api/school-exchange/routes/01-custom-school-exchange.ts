import { bySlugRoute, lazyRouter } from '../../../utils/by-slug';

export default lazyRouter(() => [bySlugRoute('school-exchanges', 'api::school-exchange.school-exchange')]);
