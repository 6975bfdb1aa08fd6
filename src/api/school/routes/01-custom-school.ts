import { bySlugRoute, lazyRouter } from '../../../utils/by-slug';

export default lazyRouter(() => [bySlugRoute('schools', 'api::school.school')]);
