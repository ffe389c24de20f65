import { ApiKeyStore } from '../auth/api-keys.js';
import type { Db } from '../db/types.js';
import { JobLogStore } from '../jobs/logs.js';
import { Metrics } from '../observability/metrics.js';
import type { JobQueue } from '../queue/contract.js';
import { DEFAULT_LEASE_SECONDS } from '../queue/contract.js';
import { PostgresJobQueue, type PostgresQueueOptions } from '../queue/postgres/queue.js';
import { WakeSignal } from '../queue/wake.js';
import { RobotRegistry } from '../robots/registry.js';
import { TenantDirectory } from '../tenancy/tenants.js';
import { WorkflowStore } from '../workflows/store.js';

/** Timing the orchestrator hands to robots (contract defaults: lease 30 s, heartbeat 10 s). */
export interface Timing {
  leaseSeconds: number;
  heartbeatSeconds: number;
}

/** Everything the API, the reaper and in-process robots share, built once per process. */
export interface Services {
  db: Db;
  queue: JobQueue;
  wake: WakeSignal;
  workflows: WorkflowStore;
  robots: RobotRegistry;
  logs: JobLogStore;
  keys: ApiKeyStore;
  tenants: TenantDirectory;
  metrics: Metrics;
  timing: Timing;
  close(): Promise<void>;
}

export interface ServiceOptions extends PostgresQueueOptions {
  adminKey: string;
  heartbeatSeconds?: number;
}

export async function createServices(db: Db, opts: ServiceOptions): Promise<Services> {
  const timing: Timing = {
    leaseSeconds: opts.leaseSeconds ?? DEFAULT_LEASE_SECONDS,
    heartbeatSeconds: opts.heartbeatSeconds ?? 10,
  };
  const queue = new PostgresJobQueue(db, opts);
  const wake = await WakeSignal.start(queue);
  const robots = new RobotRegistry(db, timing.heartbeatSeconds);
  return {
    db,
    queue,
    wake,
    workflows: new WorkflowStore(db),
    robots,
    logs: new JobLogStore(db),
    keys: new ApiKeyStore(db, opts.adminKey),
    tenants: new TenantDirectory(db),
    metrics: new Metrics(db, timing.heartbeatSeconds),
    timing,
    async close() {
      await wake.close();
    },
  };
}
