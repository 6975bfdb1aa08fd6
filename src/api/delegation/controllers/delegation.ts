import { submittableController } from '../../../submissions/controller';
import { DELEGATION_RULES } from '../../../submissions/rules';

export default submittableController('api::delegation.delegation', DELEGATION_RULES);
