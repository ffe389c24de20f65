import { EngineErrorCode, workflowError } from '../engine/errors.js';
import type { CasareError } from '../errors.js';

/**
 * A node's own failure caused by the workflow (bad data, impossible operation): the engine
 * attaches the node id; the job is not retried for it.
 */
export function nodeFailure(message: string, code: string = EngineErrorCode.NODE_FAILED): CasareError {
  return workflowError(code, message);
}
