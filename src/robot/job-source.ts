import type { Assignment } from '../jobs/assignment.js';
import type { JobError, JobLogEntry, JobResult } from '../jobs/shapes.js';
import type { Lease } from '../queue/contract.js';
import type { RobotInfo } from '../robots/registry.js';

/** Who the robot is once registered, and the timing the orchestrator asks of it. */
export interface RobotIdentity {
  robotId: string;
  tenantId: string;
  leaseSeconds: number;
  heartbeatSeconds: number;
}

export interface RobotStatusReport {
  currentJobs: number;
  draining: boolean;
  metrics?: Record<string, unknown>;
}

/**
 * The one seam between the robot agent and wherever its jobs come from:
 * `direct` (PostgreSQL), `http` (the orchestrator's API) and, later, `ws` (the tunnel).
 * Lease-holding calls throw LeaseLostError when the lease is no longer this robot's.
 */
export interface JobSource {
  readonly transport: 'direct' | 'http' | 'ws';
  register(info: RobotInfo): Promise<RobotIdentity>;
  reportStatus(status: RobotStatusReport): Promise<void>;
  /**
   * Claims up to `limit` jobs. When none is claimable, waits up to `waitMs` for a wake-up
   * (or `signal`) and tries again, returning an empty list if nothing came.
   */
  claim(limit: number, waitMs: number, signal: AbortSignal): Promise<Assignment[]>;
  heartbeat(lease: Lease): Promise<{ cancelRequested: boolean }>;
  appendLogs(lease: Lease, entries: JobLogEntry[]): Promise<void>;
  complete(lease: Lease, result: JobResult): Promise<void>;
  fail(lease: Lease, error: JobError, result: JobResult | null): Promise<void>;
  release(lease: Lease): Promise<void>;
  /** The robot stopped cleanly: show it offline now. */
  stopped(): Promise<void>;
  close(): Promise<void>;
}
