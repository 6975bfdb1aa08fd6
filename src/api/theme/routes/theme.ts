import { publicCollectionRouter } from '../../../routes/locale-fallback';

export default publicCollectionRouter('api::theme.theme');
