import type { Fault, JobError } from './jobs/shapes.js';

/**
 * Every error Casare raises on purpose carries a stable code, whose fault it is and
 * whether retrying can help. Anything else that escapes is treated as a system fault.
 */
export class CasareError extends Error {
  readonly code: string;
  readonly fault: Fault;
  readonly retryable: boolean;
  readonly nodeId: string | null;

  constructor(
    code: string,
    message: string,
    opts: { fault?: Fault; retryable?: boolean; nodeId?: string | null; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'CasareError';
    this.code = code;
    this.fault = opts.fault ?? 'system';
    this.retryable = opts.retryable ?? false;
    this.nodeId = opts.nodeId ?? null;
  }

  toJobError(): JobError {
    return {
      code: this.code,
      message: this.message,
      node_id: this.nodeId,
      fault: this.fault,
      retryable: this.retryable,
    };
  }
}

/** Converts anything thrown into the contract's error shape; unknown throws are retryable system faults. */
export function toJobError(err: unknown, nodeId: string | null = null): JobError {
  if (err instanceof CasareError) {
    const e = err.toJobError();
    return e.node_id === null && nodeId !== null ? { ...e, node_id: nodeId } : e;
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message, node_id: nodeId, fault: 'system', retryable: true };
}
