import { bySlugRoute, lazyRouter } from '../../../routes/by-key';

export default lazyRouter(() => [bySlugRoute('schools', 'api::school.school')]);
