import { CasareError } from '../errors.js';

/** Stable error codes the engine and the core nodes raise (JobError.code). */
export const EngineErrorCode = {
  NODE_FAILED: 'NODE_FAILED',
  NODE_TIMEOUT: 'NODE_TIMEOUT',
  JOB_TIMEOUT: 'JOB_TIMEOUT',
  CANCELLED: 'CANCELLED',
  TEMPLATE_UNRESOLVED: 'TEMPLATE_UNRESOLVED',
  EXPRESSION_ERROR: 'EXPRESSION_ERROR',
  INVALID_WORKFLOW: 'INVALID_WORKFLOW',
  INVALID_CONFIG: 'INVALID_CONFIG',
  ASSERTION_FAILED: 'ASSERTION_FAILED',
  LOOP_LIMIT_EXCEEDED: 'LOOP_LIMIT_EXCEEDED',
  DIVISION_BY_ZERO: 'DIVISION_BY_ZERO',
  MATH_ERROR: 'MATH_ERROR',
} as const;

/** The author's mistake: never retried, whatever the attempt budget. */
export function workflowError(code: string, message: string, nodeId: string | null = null): CasareError {
  return new CasareError(code, message, { fault: 'workflow', retryable: false, nodeId });
}

export function systemError(
  code: string,
  message: string,
  retryable: boolean,
  nodeId: string | null = null,
): CasareError {
  return new CasareError(code, message, { fault: 'system', retryable, nodeId });
}

/**
 * Normalises anything a node threw into a CasareError naming the node. Unknown throws
 * (bugs, library errors) are retryable system faults, as toJobError treats them.
 */
export function toNodeError(err: unknown, nodeId: string): CasareError {
  if (err instanceof CasareError) {
    if (err.nodeId !== null) return err;
    return new CasareError(err.code, err.message, {
      fault: err.fault,
      retryable: err.retryable,
      nodeId,
      cause: err.cause,
    });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new CasareError(EngineErrorCode.NODE_FAILED, message || 'node failed', {
    fault: 'system',
    retryable: true,
    nodeId,
    cause: err,
  });
}
