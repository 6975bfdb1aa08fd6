import { publicCollectionRouter } from '../../../routes/locale-fallback';

export default publicCollectionRouter('api::action.action');
