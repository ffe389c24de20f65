import { CasareError } from '../errors.js';

/** The orchestrator no longer knows this robot (e.g. it was deleted): register again. */
export class RobotUnknownError extends CasareError {
  constructor() {
    super('ROBOT_NOT_FOUND', 'the orchestrator does not know this robot; registering again', {
      retryable: true,
    });
  }
}
