import type { Db } from '../../db/types.js';
import { CasareError } from '../../errors.js';
import type { JobError } from '../../jobs/shapes.js';
import type {
  AttemptRecord,
  ClaimedJob,
  ClaimRequest,
  EnqueueOutcome,
  FailOutcome,
  HeartbeatOutcome,
  Job,
  JobPage,
  JobQueue,
  JobSpec,
  Lease,
  ListQuery,
  ReapOutcome,
} from '../contract.js';
import { DEFAULT_LEASE_SECONDS } from '../contract.js';
import { IdempotencyConflictError, JobNotFoundError, JobStateError, LeaseLostError } from '../errors.js';
import { type NormalizedSpec, normalizeSpec } from '../spec.js';
import { CLAIM, NEXT_RUN_AT } from './queries/claim.js';
import { COMPLETE, COMPLETE_BATCH } from './queries/complete.js';
import {
  ENQUEUE,
  ENQUEUE_BATCH,
  EXPIRE_IDEMPOTENCY_KEY,
  SELECT_BY_IDEMPOTENCY_KEY,
} from './queries/enqueue.js';
import { FAIL } from './queries/fail.js';
import { FINISHED_BY_TOKEN, HEARTBEAT, RELEASE } from './queries/lease.js';
import { CANCEL, RETRY } from './queries/manage.js';
import { GET_JOB, LIST_ATTEMPTS, LIST_JOBS } from './queries/read.js';
import { REAP_EXPIRED } from './queries/reap.js';
import { type AttemptRow, type ClaimedRow, type JobRow, toAttempt, toClaimed, toJob } from './rows.js';

export const JOBS_CHANNEL = 'casare_jobs';

export interface PostgresQueueOptions {
  /** Lease length for claims and heartbeats (contract default 30 s). */
  leaseSeconds?: number;
  /** Retry backoff: base × 2^(attempt-1), capped, with equal jitter. */
  backoffBaseSeconds?: number;
  backoffMaxSeconds?: number;
}

const LEASE_EXPIRED_ERROR: JobError = {
  code: 'LEASE_EXPIRED',
  message: 'the robot stopped renewing its lease (crashed, frozen or cut off)',
  node_id: null,
  fault: 'system',
  retryable: true,
};

/** The JobQueue contract on PostgreSQL (either driver): one statement per state transition. */
export class PostgresJobQueue implements JobQueue {
  private readonly leaseSeconds: number;
  private readonly backoffBase: number;
  private readonly backoffMax: number;

  constructor(
    private readonly db: Db,
    opts: PostgresQueueOptions = {},
  ) {
    this.leaseSeconds = opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS;
    this.backoffBase = opts.backoffBaseSeconds ?? 1;
    this.backoffMax = opts.backoffMaxSeconds ?? 300;
  }

  async enqueue(spec: JobSpec): Promise<EnqueueOutcome> {
    const s = normalizeSpec(spec);
    if (s.idempotencyKey !== null)
      await this.db.query(EXPIRE_IDEMPOTENCY_KEY, [s.tenantId, s.idempotencyKey]);
    const { rows } = await this.db.query<JobRow>(ENQUEUE, enqueueParams(s));
    if (rows[0]) return { job: toJob(rows[0]), created: true };
    // The key is taken: same request → the existing job; another request → conflict.
    const existing = await this.db.query<JobRow & { idempotency_hash: string | null }>(
      SELECT_BY_IDEMPOTENCY_KEY,
      [s.tenantId, s.idempotencyKey],
    );
    const row = existing.rows[0];
    if (!row) return this.enqueue(spec); // the holder expired between the two statements
    if (row.idempotency_hash !== s.fingerprint) throw new IdempotencyConflictError(s.idempotencyKey!, row.id);
    return { job: toJob(row), created: false };
  }

  async enqueueMany(specs: JobSpec[]): Promise<Job[]> {
    const normalized = specs.map(normalizeSpec);
    const plain = normalized.filter((s) => s.idempotencyKey === null);
    const out: Job[] = [];
    if (plain.length > 0) {
      const batch = plain.map((s) => ({
        tenant_id: s.tenantId,
        workflow_id: s.workflowId,
        workflow_version: s.workflowVersion,
        payload: s.payload,
        priority: s.priority,
        environment: s.environment,
        region: s.region,
        capabilities: s.capabilities,
        run_at: s.runAt?.toISOString() ?? null,
        max_attempts: s.maxAttempts,
        timeout_seconds: s.timeoutSeconds,
      }));
      const { rows } = await this.db.query<JobRow>(ENQUEUE_BATCH, [JSON.stringify(batch)]);
      out.push(...rows.map(toJob));
    }
    for (let i = 0; i < specs.length; i++) {
      if (normalized[i]!.idempotencyKey !== null) out.push((await this.enqueue(specs[i]!)).job);
    }
    return out;
  }

  async claim(req: ClaimRequest): Promise<ClaimedJob[]> {
    if (req.limit < 1) return [];
    const { rows } = await this.db.query<ClaimedRow>(CLAIM, [
      req.robotId,
      req.tenantId,
      req.environment,
      req.region,
      req.capabilities,
      req.limit,
      req.leaseSeconds ?? this.leaseSeconds,
    ]);
    // RETURNING has no order: restore priority, then arrival.
    rows.sort((a, b) => b.priority - a.priority || a.seq - b.seq);
    return rows.map(toClaimed);
  }

  async heartbeat(lease: Lease, leaseSeconds?: number): Promise<HeartbeatOutcome> {
    const { rows } = await this.db.query<{ cancel_requested: boolean; lease_expires_at: Date }>(HEARTBEAT, [
      lease.jobId,
      lease.token,
      leaseSeconds ?? this.leaseSeconds,
    ]);
    const row = rows[0];
    if (!row) throw new LeaseLostError(lease.jobId);
    return { cancelRequested: row.cancel_requested, leaseExpiresAt: row.lease_expires_at };
  }

  async complete(lease: Lease, result: unknown): Promise<void> {
    const res = await this.db.query(COMPLETE, [lease.jobId, lease.token, JSON.stringify(result ?? null)]);
    if (res.rowCount === 0 && !(await this.finishedBy(lease, 'completed')))
      throw new LeaseLostError(lease.jobId);
  }

  async completeMany(
    items: { lease: Lease; result: unknown }[],
  ): Promise<{ completed: string[]; lost: string[] }> {
    if (items.length === 0) return { completed: [], lost: [] };
    const batch = items.map((i) => ({ id: i.lease.jobId, token: i.lease.token, result: i.result ?? null }));
    const { rows } = await this.db.query<{ id: string }>(COMPLETE_BATCH, [JSON.stringify(batch)]);
    const done = new Set(rows.map((r) => r.id));
    const completed: string[] = [];
    const lost: string[] = [];
    for (const i of items) (done.has(i.lease.jobId) ? completed : lost).push(i.lease.jobId);
    return { completed, lost };
  }

  async fail(lease: Lease, error: JobError, result?: unknown): Promise<FailOutcome> {
    const { rows } = await this.db.query<{ status: FailOutcome['status']; run_at: Date }>(FAIL, [
      lease.jobId,
      lease.token,
      JSON.stringify(error),
      error.retryable,
      this.backoffBase,
      this.backoffMax,
      result === undefined || result === null ? null : JSON.stringify(result),
    ]);
    const row = rows[0];
    if (!row) {
      if (await this.finishedBy(lease, 'failed', 'cancelled')) return { status: 'failed', runAt: null };
      throw new LeaseLostError(lease.jobId);
    }
    return { status: row.status, runAt: row.status === 'pending' ? row.run_at : null };
  }

  async release(lease: Lease): Promise<void> {
    const res = await this.db.query(RELEASE, [lease.jobId, lease.token]);
    if (res.rowCount === 0) throw new LeaseLostError(lease.jobId);
  }

  async cancel(tenantId: string, jobId: string): Promise<Job> {
    const { rows } = await this.db.query<JobRow>(CANCEL, [tenantId, jobId]);
    if (rows[0]) return toJob(rows[0]);
    const job = await this.get(tenantId, jobId);
    if (!job) throw new JobNotFoundError(jobId);
    throw new JobStateError('JOB_NOT_CANCELLABLE', `job ${jobId} is already ${job.status}`, job.status);
  }

  async retry(tenantId: string, jobId: string): Promise<Job> {
    const { rows } = await this.db.query<JobRow>(RETRY, [tenantId, jobId]);
    if (rows[0]) return toJob(rows[0]);
    const job = await this.get(tenantId, jobId);
    if (!job) throw new JobNotFoundError(jobId);
    throw new JobStateError(
      'JOB_NOT_RETRYABLE',
      `job ${jobId} is ${job.status}; only failed or cancelled jobs can be retried`,
      job.status,
    );
  }

  async get(tenantId: string, jobId: string): Promise<Job | null> {
    const { rows } = await this.db.query<JobRow>(GET_JOB, [tenantId, jobId]);
    return rows[0] ? toJob(rows[0]) : null;
  }

  async list(tenantId: string, q: ListQuery): Promise<JobPage> {
    const cursor = q.cursor ? decodeCursor(q.cursor) : null;
    const { rows } = await this.db.query<JobRow & { seq: number }>(LIST_JOBS, [
      tenantId,
      q.status ?? null,
      q.workflowId ?? null,
      q.robotId ?? null,
      cursor,
      q.limit + 1,
    ]);
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page[page.length - 1];
    return { items: page.map(toJob), nextCursor: more && last ? encodeCursor(last.seq) : null };
  }

  async attempts(tenantId: string, jobId: string): Promise<AttemptRecord[]> {
    const { rows } = await this.db.query<AttemptRow>(LIST_ATTEMPTS, [tenantId, jobId]);
    return rows.map(toAttempt);
  }

  async reapExpired(limit = 500): Promise<ReapOutcome> {
    const { rows } = await this.db.query<{ status: string }>(REAP_EXPIRED, [
      limit,
      JSON.stringify(LEASE_EXPIRED_ERROR),
    ]);
    const out: ReapOutcome = { requeued: 0, deadLettered: 0, cancelled: 0 };
    for (const r of rows) {
      if (r.status === 'pending') out.requeued++;
      else if (r.status === 'failed') out.deadLettered++;
      else out.cancelled++;
    }
    return out;
  }

  async nextRunAt(req: Omit<ClaimRequest, 'limit' | 'robotId' | 'leaseSeconds'>): Promise<Date | null> {
    const { rows } = await this.db.query<{ run_at: Date | null }>(NEXT_RUN_AT, [
      req.tenantId,
      req.environment,
      req.region,
      req.capabilities,
    ]);
    return rows[0]?.run_at ?? null;
  }

  subscribe(onWork: () => void): Promise<() => Promise<void>> {
    return this.db.listen(JOBS_CHANNEL, () => onWork());
  }

  /** A report retried after its answer was lost: accept it if this token already finished the job. */
  private async finishedBy(lease: Lease, ...statuses: string[]): Promise<boolean> {
    const { rows } = await this.db.query<{ status: string }>(FINISHED_BY_TOKEN, [lease.jobId, lease.token]);
    return rows[0] !== undefined && statuses.includes(rows[0].status);
  }
}

function enqueueParams(s: NormalizedSpec): unknown[] {
  return [
    s.tenantId,
    s.workflowId,
    s.workflowVersion,
    JSON.stringify(s.payload),
    s.priority,
    s.environment,
    s.region,
    s.capabilities,
    s.runAt,
    s.maxAttempts,
    s.timeoutSeconds,
    s.idempotencyKey,
    s.fingerprint,
  ];
}

function encodeCursor(seq: number): string {
  return Buffer.from(`s:${seq}`).toString('base64url');
}

function decodeCursor(cursor: string): number {
  const m = /^s:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m)
    throw new CasareError('INVALID_CURSOR', 'cursor is not one this server issued', { fault: 'workflow' });
  return Number(m[1]);
}
