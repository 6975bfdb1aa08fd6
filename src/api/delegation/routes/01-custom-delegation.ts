import { bySlugRoute, lazyRouter } from '../../../utils/by-slug';

export default lazyRouter(() => [bySlugRoute('delegations', 'api::delegation.delegation')]);
