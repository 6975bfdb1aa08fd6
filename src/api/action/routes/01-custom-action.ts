import { bySlugRoute, lazyRouter } from '../../../routes/by-key';

export default lazyRouter(() => [bySlugRoute('actions', 'api::action.action')]);
