import { publicCollectionRouter } from '../../../routes/locale-fallback';

export default publicCollectionRouter('api::funding.funding');
