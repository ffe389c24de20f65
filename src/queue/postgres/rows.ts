import type { JobError } from '../../jobs/shapes.js';
import type { AttemptRecord, ClaimedJob, Job, JobStatus } from '../contract.js';

/** A job_queue row as both drivers return it (timestamps as Date, jsonb parsed, text[] as arrays). */
export interface JobRow {
  id: string;
  tenant_id: string;
  workflow_id: string | null;
  workflow_version: number | null;
  status: JobStatus;
  priority: number;
  environment: string;
  region: string | null;
  capabilities: string[];
  payload: Record<string, unknown>;
  attempts: number;
  max_attempts: number;
  timeout_seconds: number | null;
  run_at: Date;
  waiting_reason: string | null;
  idempotency_key: string | null;
  robot_id: string | null;
  cancel_requested: boolean;
  dead_letter: boolean;
  result: unknown;
  error: JobError | null;
  created_at: Date;
  started_at: Date | null;
  completed_at: Date | null;
}

export interface ClaimedRow extends JobRow {
  lease_token: string;
  lease_expires_at: Date;
  seq: number;
}

export function toJob(r: JobRow): Job {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    workflowId: r.workflow_id,
    workflowVersion: r.workflow_version,
    status: r.status,
    priority: r.priority,
    environment: r.environment,
    region: r.region,
    capabilities: r.capabilities,
    payload: r.payload,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    timeoutSeconds: r.timeout_seconds,
    runAt: r.run_at,
    waitingReason: r.waiting_reason,
    idempotencyKey: r.idempotency_key,
    robotId: r.robot_id,
    cancelRequested: r.cancel_requested,
    deadLetter: r.dead_letter,
    result: r.result,
    error: r.error,
    createdAt: r.created_at,
    startedAt: r.started_at,
    completedAt: r.completed_at,
  };
}

export function toClaimed(r: ClaimedRow): ClaimedJob {
  return { ...toJob(r), lease: { jobId: r.id, token: r.lease_token }, leaseExpiresAt: r.lease_expires_at };
}

export interface AttemptRow {
  attempt: number;
  robot_id: string | null;
  outcome: AttemptRecord['outcome'];
  error: JobError | null;
  started_at: Date | null;
  ended_at: Date;
}

export function toAttempt(r: AttemptRow): AttemptRecord {
  return {
    attempt: r.attempt,
    robotId: r.robot_id,
    outcome: r.outcome,
    error: r.error,
    startedAt: r.started_at,
    endedAt: r.ended_at,
  };
}
