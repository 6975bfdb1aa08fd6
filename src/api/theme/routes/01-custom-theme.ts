import { bySlugRoute, lazyRouter } from '../../../utils/by-slug';

export default lazyRouter(() => [bySlugRoute('themes', 'api::theme.theme')]);
