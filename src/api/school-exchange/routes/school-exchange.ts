import { publicCollectionRouter } from '../../../routes/locale-fallback';

export default publicCollectionRouter('api::school-exchange.school-exchange');
