import { bySlugRoute, lazyRouter } from '../../../routes/by-key';

export default lazyRouter(() => [bySlugRoute('associations', 'api::association.association')]);
