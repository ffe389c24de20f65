import path from 'node:path';
import type { Logger } from 'pino';
import type { RunOptions, RunOutcome } from '../engine/index.js';
import { toJobError } from '../errors.js';
import type { Assignment } from '../jobs/assignment.js';
import type { JobError, JobLogEntry } from '../jobs/shapes.js';
import { LeaseLostError } from '../queue/errors.js';
import type { JobSource } from './job-source.js';

/** Runs a workflow definition; the engine in production, replaceable for benchmarks. */
export type Executor = (definition: unknown, opts: RunOptions) => Promise<RunOutcome>;

export interface JobRunContext {
  source: JobSource;
  execute: Executor;
  heartbeatMs: number;
  workspaceRoot: string;
  log: Logger;
}

/** Why a running job was interrupted, if it was. */
type Stop = 'cancelled' | 'lease_lost' | 'shutdown';

const LOG_FLUSH_MS = 1_000;

/**
 * One claimed job from start to report: keeps its lease alive, notices a cancel on the
 * heartbeat, streams logs, and reports the outcome exactly once — or, if the lease was
 * lost, reports nothing (the new holder owns the job now).
 */
export class JobRun {
  private readonly abort = new AbortController();
  private stop: Stop | null = null;
  private readonly pending: JobLogEntry[] = [];
  private flushing: Promise<void> = Promise.resolve();
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  readonly done: Promise<void>;

  constructor(
    readonly assignment: Assignment,
    private readonly ctx: JobRunContext,
  ) {
    this.done = this.run();
  }

  get jobId(): string {
    return this.assignment.jobId;
  }

  /** Shutdown past the grace period: stop the workflow and hand the job back. */
  interrupt(): void {
    this.halt('shutdown');
  }

  private halt(reason: Stop): void {
    if (this.stop) return;
    this.stop = reason;
    this.abort.abort(reason);
  }

  private async run(): Promise<void> {
    const a = this.assignment;
    const log = this.ctx.log.child({ job_id: a.jobId, attempt: a.attempt });
    this.heartbeatTimer = setInterval(() => void this.beat(log), this.ctx.heartbeatMs);
    this.flushTimer = setInterval(() => void this.flush(), LOG_FLUSH_MS);
    let outcome: RunOutcome | null = null;
    let crash: JobError | null = null;
    try {
      outcome = await this.ctx.execute(a.definition, {
        variables: a.variables,
        signal: this.abort.signal,
        timeoutMs: a.timeoutSeconds ? a.timeoutSeconds * 1000 : undefined,
        onLog: (e) => this.pending.push(e),
        urlMap: a.urlMap,
        workspaceDir: path.join(this.ctx.workspaceRoot, a.jobId),
        jobId: a.jobId,
      });
    } catch (err) {
      crash = toJobError(err);
    } finally {
      clearInterval(this.heartbeatTimer);
      clearInterval(this.flushTimer);
    }
    await this.report(outcome, crash, log);
  }

  private async beat(log: Logger): Promise<void> {
    try {
      const hb = await this.ctx.source.heartbeat(this.assignment.lease);
      if (hb.cancelRequested) this.halt('cancelled');
    } catch (err) {
      if (err instanceof LeaseLostError) {
        log.warn('lease lost; abandoning the job to its new holder');
        this.halt('lease_lost');
      } else {
        log.warn({ err: (err as Error).message }, 'lease heartbeat failed; will retry');
      }
    }
  }

  private flush(): Promise<void> {
    if (this.pending.length === 0 || this.stop === 'lease_lost') return this.flushing;
    const batch = this.pending.splice(0, this.pending.length);
    this.flushing = this.flushing
      .then(() => this.ctx.source.appendLogs(this.assignment.lease, batch))
      .catch(() => {
        // Lost log lines are not worth failing a job over; the result still carries the trace.
      });
    return this.flushing;
  }

  private async report(outcome: RunOutcome | null, crash: JobError | null, log: Logger): Promise<void> {
    const lease = this.assignment.lease;
    const src = this.ctx.source;
    if (this.stop === 'lease_lost') return;
    await this.flush();
    try {
      if (this.stop === 'shutdown') {
        await retrying(() => src.release(lease));
        log.info('released on shutdown');
      } else if (outcome?.status === 'completed') {
        await retrying(() => src.complete(lease, outcome.result));
      } else if (outcome) {
        const error: JobError =
          this.stop === 'cancelled'
            ? {
                code: 'CANCELLED',
                message: 'cancelled by request',
                node_id: outcome.error.node_id,
                fault: 'workflow',
                retryable: false,
              }
            : outcome.error;
        await retrying(() => src.fail(lease, error, outcome.result));
      } else {
        await retrying(() => src.fail(lease, crash!, null));
      }
    } catch (err) {
      if (err instanceof LeaseLostError)
        log.warn('lease lost before the report; the job belongs to its new holder');
      else
        log.error(
          { err: (err as Error).message },
          'could not report the job; its lease will expire and it will be retried',
        );
    }
  }
}

/** Retries a report on transient faults (orchestrator restarting, network blip) for up to ~30 s. */
async function retrying(fn: () => Promise<void>): Promise<void> {
  let delay = 100;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fn();
      return;
    } catch (err) {
      const retryable =
        (err as { retryable?: boolean }).retryable !== false && !(err instanceof LeaseLostError);
      if (!retryable || Date.now() + delay > deadline) throw err;
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random() / 2)));
      delay = Math.min(delay * 2, 5_000);
    }
  }
}
