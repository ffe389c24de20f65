import type { JobError } from '../jobs/shapes.js';

/**
 * The job queue contract, in domain terms only: no SQL, connection or Redis type appears
 * here. The PostgreSQL backend implements it today; a Redis Streams backend will implement
 * the same interface, and one contract test suite runs against every backend.
 */

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export const JOB_STATUSES: readonly JobStatus[] = ['pending', 'running', 'completed', 'failed', 'cancelled'];

export const DEFAULT_TENANT_ID = '00000000-0000-0000-0000-000000000001';
export const DEFAULT_ENVIRONMENT = 'default';
export const DEFAULT_PRIORITY = 10;
export const MIN_PRIORITY = 0;
export const MAX_PRIORITY = 20;
export const DEFAULT_MAX_ATTEMPTS = 3;
export const DEFAULT_LEASE_SECONDS = 30;

/** What a producer asks for. Everything but the payload has a contract default. */
export interface JobSpec {
  tenantId?: string;
  workflowId?: string | null;
  workflowVersion?: number | null;
  /** Opaque JSON the runner needs (variables, url_map, an inline workflow…). */
  payload?: Record<string, unknown>;
  priority?: number;
  environment?: string;
  region?: string | null;
  capabilities?: string[];
  runAt?: Date | null;
  maxAttempts?: number;
  timeoutSeconds?: number | null;
  idempotencyKey?: string | null;
  /**
   * Identity of the request for idempotency: same key + same fingerprint → the existing job,
   * same key + other fingerprint → conflict. Defaults to a hash of the spec itself.
   */
  fingerprint?: string;
}

export interface Job {
  id: string;
  tenantId: string;
  workflowId: string | null;
  workflowVersion: number | null;
  status: JobStatus;
  priority: number;
  environment: string;
  region: string | null;
  capabilities: string[];
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
  timeoutSeconds: number | null;
  runAt: Date;
  waitingReason: string | null;
  idempotencyKey: string | null;
  robotId: string | null;
  cancelRequested: boolean;
  deadLetter: boolean;
  result: unknown;
  error: JobError | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** Proof of holding a job. Only the current holder's token may finish it (fencing). */
export interface Lease {
  jobId: string;
  token: string;
}

export interface ClaimedJob extends Job {
  lease: Lease;
  leaseExpiresAt: Date;
}

/** Who is claiming: jobs match when environment is equal, region is unset or equal, and
 * the job's required capabilities are a subset of the robot's. */
export interface ClaimRequest {
  robotId: string;
  tenantId: string;
  environment: string;
  region: string | null;
  capabilities: string[];
  limit: number;
  leaseSeconds?: number;
}

export interface EnqueueOutcome {
  job: Job;
  /** False when an idempotency key matched an existing job with the same fingerprint. */
  created: boolean;
}

export interface HeartbeatOutcome {
  cancelRequested: boolean;
  leaseExpiresAt: Date;
}

/** Where a failed attempt went: back to pending (after a backoff), dead letter, or cancelled. */
export interface FailOutcome {
  status: 'pending' | 'failed' | 'cancelled';
  runAt: Date | null;
}

export interface ListQuery {
  status?: JobStatus;
  workflowId?: string;
  robotId?: string;
  limit: number;
  cursor?: string | null;
}

export interface JobPage {
  items: Job[];
  nextCursor: string | null;
}

export interface AttemptRecord {
  attempt: number;
  robotId: string | null;
  outcome: 'failed' | 'lease_expired' | 'released' | 'cancelled';
  error: JobError | null;
  startedAt: Date | null;
  endedAt: Date;
}

export interface ReapOutcome {
  requeued: number;
  deadLettered: number;
  cancelled: number;
}

export interface JobQueue {
  enqueue(spec: JobSpec): Promise<EnqueueOutcome>;
  /** One round trip for many jobs; specs with idempotency keys are deduplicated one by one. */
  enqueueMany(specs: JobSpec[]): Promise<Job[]>;

  claim(req: ClaimRequest): Promise<ClaimedJob[]>;
  /** Extends the lease; throws LeaseLostError when the token is no longer the holder's. */
  heartbeat(lease: Lease, leaseSeconds?: number): Promise<HeartbeatOutcome>;
  complete(lease: Lease, result: unknown): Promise<void>;
  /** Completes many jobs in one round trip; returns which were accepted and which lost their lease. */
  completeMany(items: { lease: Lease; result: unknown }[]): Promise<{ completed: string[]; lost: string[] }>;
  /**
   * Records a failed attempt: retried with backoff while retryable and attempts remain, else
   * dead letter. `result` keeps what the attempt produced (its trace) for diagnosis.
   */
  fail(lease: Lease, error: JobError, result?: unknown): Promise<FailOutcome>;
  /** Gives a job back without counting the attempt (robot shutting down). */
  release(lease: Lease): Promise<void>;

  /** Pending → cancelled now; running → flagged, seen by the holder on its next heartbeat. */
  cancel(tenantId: string, jobId: string): Promise<Job>;
  /** A failed or cancelled job goes back to pending under the same id with a fresh attempt budget. */
  retry(tenantId: string, jobId: string): Promise<Job>;

  get(tenantId: string, jobId: string): Promise<Job | null>;
  list(tenantId: string, query: ListQuery): Promise<JobPage>;
  attempts(tenantId: string, jobId: string): Promise<AttemptRecord[]>;

  /** Returns running jobs whose lease expired to pending (attempt counted) or dead letter. */
  reapExpired(limit?: number): Promise<ReapOutcome>;
  /** The earliest future run_at a claimer with this filter could see (scheduled or backoff). */
  nextRunAt(req: Omit<ClaimRequest, 'limit' | 'robotId' | 'leaseSeconds'>): Promise<Date | null>;
  /** Calls `onWork` when jobs may have become claimable (new, released, requeued). */
  subscribe(onWork: () => void): Promise<() => Promise<void>>;
}
