import { bySlugRoute, lazyRouter } from '../../../routes/by-key';

export default lazyRouter(() => [bySlugRoute('delegations', 'api::delegation.delegation')]);
