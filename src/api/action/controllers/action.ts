import { submittableController } from '../../../submissions/controller';
import { ACTION_RULES } from '../../../submissions/rules';

export default submittableController('api::action.action', ACTION_RULES);
