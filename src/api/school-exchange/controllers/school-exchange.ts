import { submittableController } from '../../../submissions/controller';
import { SCHOOL_EXCHANGE_RULES } from '../../../submissions/rules';

export default submittableController('api::school-exchange.school-exchange', SCHOOL_EXCHANGE_RULES);
