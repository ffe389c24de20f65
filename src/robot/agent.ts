import os from 'node:os';
import path from 'node:path';
import type { Logger } from 'pino';
import { runWorkflow } from '../engine/index.js';
import type { Assignment } from '../jobs/assignment.js';
import type { RobotInfo } from '../robots/registry.js';
import { RobotUnknownError } from './errors.js';
import { type Executor, JobRun } from './job-runner.js';
import type { JobSource, RobotIdentity } from './job-source.js';

export type AgentState = 'created' | 'starting' | 'running' | 'draining' | 'stopped';

export interface AgentOptions {
  source: JobSource;
  info: RobotInfo;
  log: Logger;
  /** Where jobs get their own workspace directories. */
  workspaceRoot?: string;
  /** How long running jobs may take to finish after stop() before they are released. */
  graceMs?: number;
  /** How long one idle claim waits for a wake-up before asking again. */
  idleWaitMs?: number;
  execute?: Executor;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(t);
        resolve();
      },
      { once: true },
    );
  });

/**
 * The robot: registers, claims up to its free concurrency, runs each job, heartbeats.
 * The loop never throws; after an error it backs off with jitter. stop() stops claiming,
 * lets running jobs finish within the grace period, and releases the rest.
 */
export class RobotAgent {
  state: AgentState = 'created';
  identity: RobotIdentity | null = null;
  private readonly runs = new Map<string, JobRun>();
  private readonly claimAbort = new AbortController();
  private slotFreed: (() => void) | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private loop: Promise<void> = Promise.resolve();
  private readonly execute: Executor;
  private readonly workspaceRoot: string;

  constructor(private readonly opts: AgentOptions) {
    this.execute = opts.execute ?? runWorkflow;
    this.workspaceRoot = opts.workspaceRoot ?? path.join(os.tmpdir(), 'casare-jobs');
  }

  get runningJobs(): string[] {
    return [...this.runs.keys()];
  }

  async start(): Promise<RobotIdentity> {
    this.state = 'starting';
    this.identity = await this.opts.source.register(this.opts.info);
    this.opts.log.info(
      {
        robot_id: this.identity.robotId,
        transport: this.opts.source.transport,
        capabilities: this.opts.info.capabilities,
      },
      'robot registered',
    );
    this.state = 'running';
    this.statusTimer = setInterval(() => void this.reportStatus(), this.identity.heartbeatSeconds * 1000);
    this.loop = this.claimLoop();
    return this.identity;
  }

  private async reportStatus(): Promise<void> {
    try {
      await this.opts.source.reportStatus({
        currentJobs: this.runs.size,
        draining: this.state === 'draining',
      });
    } catch (err) {
      if (err instanceof RobotUnknownError && this.state === 'running') {
        this.identity = await this.opts.source.register(this.opts.info).catch(() => this.identity);
      } else {
        this.opts.log.warn({ err: (err as Error).message }, 'status heartbeat failed');
      }
    }
  }

  private async claimLoop(): Promise<void> {
    const max = this.opts.info.maxConcurrency;
    let backoff = 200;
    while (this.state === 'running') {
      const free = max - this.runs.size;
      if (free <= 0) {
        await new Promise<void>((r) => {
          this.slotFreed = r;
        });
        continue;
      }
      try {
        const jobs = await this.opts.source.claim(
          free,
          this.opts.idleWaitMs ?? 25_000,
          this.claimAbort.signal,
        );
        backoff = 200;
        for (const a of jobs) {
          if (this.state !== 'running') {
            // Claimed just as we started draining: give it straight back.
            await this.opts.source.release(a.lease).catch(() => {});
            continue;
          }
          this.startRun(a);
        }
      } catch (err) {
        if (this.state !== 'running') break;
        if (err instanceof RobotUnknownError) {
          await this.reportStatus();
          continue;
        }
        this.opts.log.warn({ err: (err as Error).message, retry_ms: backoff }, 'claim failed; backing off');
        await sleep(backoff * (0.5 + Math.random() / 2), this.claimAbort.signal);
        backoff = Math.min(backoff * 2, 15_000);
      }
    }
  }

  private startRun(a: Assignment): void {
    const run = new JobRun(a, {
      source: this.opts.source,
      execute: this.execute,
      heartbeatMs: (this.identity?.heartbeatSeconds ?? 10) * 1000,
      workspaceRoot: this.workspaceRoot,
      log: this.opts.log,
    });
    this.runs.set(a.jobId, run);
    void run.done.finally(() => {
      this.runs.delete(a.jobId);
      const wake = this.slotFreed;
      this.slotFreed = null;
      wake?.();
    });
  }

  /** Second signal: stop every running workflow now and release its job. */
  interruptAll(): void {
    for (const r of this.runs.values()) r.interrupt();
  }

  /** Graceful stop: no new claims; running jobs get `graceMs` to finish, then are released. */
  async stop(graceMs = this.opts.graceMs ?? 30_000): Promise<void> {
    if (this.state === 'stopped' || this.state === 'draining') return this.loop;
    const wasRunning = this.state === 'running';
    this.state = 'draining';
    this.claimAbort.abort();
    this.slotFreed?.();
    if (wasRunning) {
      await this.opts.source.reportStatus({ currentJobs: this.runs.size, draining: true }).catch(() => {});
    }
    await this.loop;
    const all = Promise.all([...this.runs.values()].map((r) => r.done));
    const timer = setTimeout(() => {
      for (const r of this.runs.values()) r.interrupt();
    }, graceMs);
    await all;
    clearTimeout(timer);
    if (this.statusTimer) clearInterval(this.statusTimer);
    if (wasRunning) await this.opts.source.stopped().catch(() => {});
    await this.opts.source.close();
    this.state = 'stopped';
    this.opts.log.info('robot stopped');
  }
}
