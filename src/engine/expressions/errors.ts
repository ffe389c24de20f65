import { CasareError } from '../../errors.js';
import { EngineErrorCode } from '../errors.js';

/** A bad expression or a failed evaluation: the author's fault, never retried. */
export class ExpressionError extends CasareError {
  constructor(message: string, position?: number) {
    super(
      EngineErrorCode.EXPRESSION_ERROR,
      position === undefined ? message : `${message} at position ${position}`,
      {
        fault: 'workflow',
        retryable: false,
      },
    );
  }
}
