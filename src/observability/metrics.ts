import { Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/types.js';
import { sql } from '../db/types.js';

/** Pending jobs of every tenant by environment and priority (KEDA-compatible aggregate). */
const QUEUE_DEPTH = sql(
  'casare_metrics_queue_depth',
  `SELECT environment, priority, count(*)::int AS n FROM job_queue WHERE status = 'pending' GROUP BY 1, 2`,
);

/** Robots by environment and status, plus their slots, for utilisation. $1 heartbeat seconds */
const ROBOT_COUNTS = sql(
  'casare_metrics_robot_counts',
  `SELECT environment,
     CASE WHEN stopped OR last_heartbeat_at < now() - make_interval(secs => 3 * $1::float8) THEN 'offline'
          WHEN draining THEN 'draining' WHEN current_jobs > 0 THEN 'busy' ELSE 'idle' END AS status,
     count(*)::int AS n, sum(max_concurrency)::int AS slots, sum(current_jobs)::int AS used
   FROM robots GROUP BY 1, 2`,
);

const ROBOT_STATUSES = ['idle', 'busy', 'draining', 'offline'] as const;

/**
 * The contract's Prometheus metrics. Queue and fleet gauges are read from the database on
 * scrape (one aggregate each, cached briefly), so every replica reports the same truth.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly jobWait: Histogram<string>;
  private cachedAt = 0;
  private refreshing: Promise<void> | null = null;
  private readonly queueDepth: Gauge<string>;
  private readonly robotCount: Gauge<string>;
  private readonly utilization: Gauge<string>;

  constructor(
    private readonly db: Db,
    private readonly heartbeatSeconds: number,
    private readonly cacheMs = 2_000,
  ) {
    this.queueDepth = new Gauge({
      name: 'casare_queue_depth',
      help: 'Pending jobs (all tenants) by environment and priority',
      labelNames: ['environment', 'priority'],
      registers: [this.registry],
    });
    this.robotCount = new Gauge({
      name: 'casare_robot_count',
      help: 'Robots by environment and status',
      labelNames: ['environment', 'status'],
      registers: [this.registry],
    });
    this.utilization = new Gauge({
      name: 'casare_robot_utilization',
      help: 'Share of online robot slots running a job, by environment (0-1)',
      labelNames: ['environment'],
      registers: [this.registry],
    });
    this.jobWait = new Histogram({
      name: 'casare_job_wait_seconds',
      help: 'Time from a job becoming due to a robot claiming it',
      buckets: [1, 5, 10, 30, 60, 120, 300, 600],
      registers: [this.registry],
    });
  }

  /** Records pickup waits of jobs claimed through this process. */
  observeClaims(jobs: { runAt: Date; createdAt: Date }[], now = Date.now()): void {
    for (const j of jobs) {
      const due = Math.max(j.runAt.getTime(), j.createdAt.getTime());
      this.jobWait.observe(Math.max(0, now - due) / 1000);
    }
  }

  async render(): Promise<string> {
    await this.refresh();
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  private refresh(): Promise<void> {
    if (Date.now() - this.cachedAt < this.cacheMs) return Promise.resolve();
    this.refreshing ??= this.load().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    const [depth, robots] = await Promise.all([
      this.db.query<{ environment: string; priority: number; n: number }>(QUEUE_DEPTH),
      this.db.query<{ environment: string; status: string; n: number; slots: number; used: number }>(
        ROBOT_COUNTS,
        [this.heartbeatSeconds],
      ),
    ]);
    this.queueDepth.reset();
    for (const r of depth.rows)
      this.queueDepth.set({ environment: r.environment, priority: String(r.priority) }, r.n);
    this.robotCount.reset();
    this.utilization.reset();
    const envs = new Set(robots.rows.map((r) => r.environment));
    for (const env of envs) {
      for (const status of ROBOT_STATUSES) this.robotCount.set({ environment: env, status }, 0);
      let slots = 0;
      let used = 0;
      for (const r of robots.rows.filter((x) => x.environment === env)) {
        this.robotCount.set({ environment: env, status: r.status }, r.n);
        if (r.status !== 'offline') {
          slots += r.slots;
          used += r.used;
        }
      }
      this.utilization.set({ environment: env }, slots === 0 ? 0 : Math.min(1, used / slots));
    }
    this.cachedAt = Date.now();
  }
}
