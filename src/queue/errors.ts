import { CasareError } from '../errors.js';

/** The lease token is not the current holder's: the job was reaped, finished or re-claimed. */
export class LeaseLostError extends CasareError {
  constructor(jobId: string) {
    super('LEASE_LOST', `job ${jobId}: lease is no longer held by this token`, {
      fault: 'system',
      retryable: false,
    });
  }
}

export class IdempotencyConflictError extends CasareError {
  readonly existingJobId: string;
  constructor(key: string, existingJobId: string) {
    super('IDEMPOTENCY_CONFLICT', `idempotency key "${key}" was already used with a different request`, {
      fault: 'workflow',
    });
    this.existingJobId = existingJobId;
  }
}

export class JobNotFoundError extends CasareError {
  constructor(jobId: string) {
    super('JOB_NOT_FOUND', `job ${jobId} not found`, { fault: 'workflow' });
  }
}

/** The job exists but is in a status the operation does not apply to. */
export class JobStateError extends CasareError {
  readonly status: string;
  constructor(code: string, message: string, status: string) {
    super(code, message, { fault: 'workflow' });
    this.status = status;
  }
}
