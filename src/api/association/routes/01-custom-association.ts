import { bySlugRoute, lazyRouter } from '../../../utils/by-slug';

export default lazyRouter(() => [bySlugRoute('associations', 'api::association.association')]);
