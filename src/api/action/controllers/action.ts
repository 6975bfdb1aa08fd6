import { submittableController } from '../../../submissions/controller';
import { contribution } from '../contributions';

export default submittableController(contribution);
