import { bySlugRoute, lazyRouter } from '../../../utils/by-slug';

export default lazyRouter(() => [bySlugRoute('partnerships', 'api::partnership.partnership')]);
