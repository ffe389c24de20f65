import type { AttemptRecord, Job } from '../queue/contract.js';
import type { Robot } from '../robots/registry.js';
import type { WorkflowSummary } from '../workflows/store.js';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Why a pending job is not running, as the contract's `waiting_reason` explains it. */
export function waitingReason(job: Job, robots: Robot[] | null, now = Date.now()): string | null {
  if (job.status !== 'pending') return null;
  if (job.runAt.getTime() > now) return job.waitingReason ?? 'scheduled';
  if (job.waitingReason === 'child_job') return 'child_job';
  if (robots === null) return job.waitingReason ?? 'queued';
  const online = robots.filter(
    (r) =>
      r.status !== 'offline' &&
      r.environment === job.environment &&
      (job.region === null || r.region === job.region),
  );
  if (online.length === 0) {
    return job.capabilities.length > 0
      ? `no_capable_robot: ${job.capabilities.join(', ')}`
      : 'no_robot_online';
  }
  let bestMissing: string[] | null = null;
  for (const r of online) {
    const missing = job.capabilities.filter((c) => !r.capabilities.includes(c));
    if (missing.length === 0) return 'queued';
    if (!bestMissing || missing.length < bestMissing.length) bestMissing = missing;
  }
  return `no_capable_robot: ${bestMissing!.join(', ')}`;
}

export function renderJob(job: Job, robots: Robot[] | null = null): Record<string, unknown> {
  const payload = job.payload as { variables?: unknown; url_map?: unknown };
  return {
    id: job.id,
    status: job.status,
    priority: job.priority,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    result: job.result ?? null,
    error: job.error ?? null,
    robot_id: job.robotId,
    tenant_id: job.tenantId,
    workflow_id: job.workflowId,
    workflow_version: job.workflowVersion,
    environment: job.environment,
    region: job.region,
    capabilities: job.capabilities,
    waiting_reason: waitingReason(job, robots),
    dead_letter: job.deadLetter,
    cancel_requested: job.cancelRequested,
    idempotency_key: job.idempotencyKey,
    timeout_seconds: job.timeoutSeconds,
    variables: payload.variables ?? {},
    url_map: payload.url_map ?? {},
    run_at: iso(job.runAt),
    created_at: iso(job.createdAt),
    started_at: iso(job.startedAt),
    completed_at: iso(job.completedAt),
  };
}

export function renderAttempt(a: AttemptRecord): Record<string, unknown> {
  return {
    attempt: a.attempt,
    robot_id: a.robotId,
    outcome: a.outcome,
    error: a.error,
    started_at: iso(a.startedAt),
    ended_at: iso(a.endedAt),
  };
}

export function renderRobot(r: Robot): Record<string, unknown> {
  return {
    id: r.id,
    tenant_id: r.tenantId,
    name: r.name,
    status: r.status,
    platform: r.platform,
    capabilities: r.capabilities,
    tags: r.tags,
    max_concurrency: r.maxConcurrency,
    current_jobs: r.currentJobs,
    environment: r.environment,
    region: r.region,
    version: r.version,
    metrics: r.metrics,
    registered_at: iso(r.registeredAt),
    last_heartbeat_at: iso(r.lastHeartbeatAt),
  };
}

export function renderWorkflow(w: WorkflowSummary): Record<string, unknown> {
  return {
    id: w.id,
    name: w.name,
    version: w.version,
    tenant_id: w.tenantId,
    created_at: iso(w.createdAt),
    updated_at: iso(w.updatedAt),
  };
}
