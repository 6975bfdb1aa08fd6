import { bySlugRoute, lazyRouter } from '../../../routes/by-key';

export default lazyRouter(() => [bySlugRoute('school-exchanges', 'api::school-exchange.school-exchange')]);
