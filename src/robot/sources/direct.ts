import type { Db } from '../../db/types.js';
import { toAssignment } from '../../jobs/assignment.js';
import { JobLogStore } from '../../jobs/logs.js';
import type { JobError, JobLogEntry, JobResult } from '../../jobs/shapes.js';
import { claimOrWait } from '../../queue/claim-wait.js';
import type { JobQueue, Lease } from '../../queue/contract.js';
import { PostgresJobQueue } from '../../queue/postgres/queue.js';
import { WakeSignal } from '../../queue/wake.js';
import { type Robot, type RobotInfo, RobotRegistry } from '../../robots/registry.js';
import { WorkflowStore } from '../../workflows/store.js';
import { RobotUnknownError } from '../errors.js';
import type { JobSource, RobotIdentity, RobotStatusReport } from '../job-source.js';

export interface DirectSourceOptions {
  db: Db;
  tenantId: string;
  leaseSeconds?: number;
  heartbeatSeconds?: number;
  /** Share an orchestrator's queue and wake-ups (in-process robots); built from `db` otherwise. */
  shared?: {
    queue: JobQueue;
    wake: WakeSignal;
    workflows: WorkflowStore;
    robots: RobotRegistry;
    logs: JobLogStore;
  };
  /** Close `db` when the source closes (a standalone `casare robot --database-url`). */
  ownsDb?: boolean;
}

/** Claims straight from PostgreSQL: in-cluster robots and `casare up`'s in-process robots. */
export class DirectJobSource implements JobSource {
  readonly transport = 'direct' as const;
  private robot: Robot | null = null;
  private queue!: JobQueue;
  private wake!: WakeSignal;
  private workflows!: WorkflowStore;
  private robots!: RobotRegistry;
  private logs!: JobLogStore;
  private readonly leaseSeconds: number;
  private readonly heartbeatSeconds: number;

  constructor(private readonly opts: DirectSourceOptions) {
    this.leaseSeconds = opts.leaseSeconds ?? 30;
    this.heartbeatSeconds = opts.heartbeatSeconds ?? 10;
  }

  async register(info: RobotInfo): Promise<RobotIdentity> {
    if (!this.queue) {
      const sh = this.opts.shared;
      this.queue = sh?.queue ?? new PostgresJobQueue(this.opts.db, { leaseSeconds: this.leaseSeconds });
      this.wake = sh?.wake ?? (await WakeSignal.start(this.queue));
      this.workflows = sh?.workflows ?? new WorkflowStore(this.opts.db);
      this.robots = sh?.robots ?? new RobotRegistry(this.opts.db, this.heartbeatSeconds);
      this.logs = sh?.logs ?? new JobLogStore(this.opts.db);
    }
    this.robot = await this.robots.register(this.opts.tenantId, info);
    return {
      robotId: this.robot.id,
      tenantId: this.robot.tenantId,
      leaseSeconds: this.leaseSeconds,
      heartbeatSeconds: this.heartbeatSeconds,
    };
  }

  private get me(): Robot {
    if (!this.robot) throw new Error('register() first');
    return this.robot;
  }

  async reportStatus(status: RobotStatusReport): Promise<void> {
    const known = await this.robots.heartbeat(this.me.tenantId, this.me.id, status);
    if (!known) throw new RobotUnknownError();
  }

  async claim(limit: number, waitMs: number, signal: AbortSignal) {
    const r = this.me;
    const jobs = await claimOrWait(
      this.queue,
      this.wake,
      {
        robotId: r.id,
        tenantId: r.tenantId,
        environment: r.environment,
        region: r.region,
        capabilities: r.capabilities,
        limit,
      },
      waitMs,
      signal,
    );
    return Promise.all(jobs.map((j) => toAssignment(j, this.workflows)));
  }

  heartbeat(lease: Lease) {
    return this.queue.heartbeat(lease);
  }

  async appendLogs(lease: Lease, entries: JobLogEntry[]): Promise<void> {
    await this.logs.append(lease, entries);
  }

  complete(lease: Lease, result: JobResult): Promise<void> {
    return this.queue.complete(lease, result);
  }

  async fail(lease: Lease, error: JobError, result: JobResult | null): Promise<void> {
    await this.queue.fail(lease, error, result);
  }

  release(lease: Lease): Promise<void> {
    return this.queue.release(lease);
  }

  async stopped(): Promise<void> {
    if (this.robot) await this.robots.stopped(this.robot.tenantId, this.robot.id);
  }

  async close(): Promise<void> {
    if (!this.opts.shared) await this.wake?.close();
    if (this.opts.ownsDb) await this.opts.db.close();
  }
}
