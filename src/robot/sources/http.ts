import { CasareError } from '../../errors.js';
import type { Assignment } from '../../jobs/assignment.js';
import type { JobError, JobLogEntry, JobResult } from '../../jobs/shapes.js';
import type { Lease } from '../../queue/contract.js';
import { LeaseLostError } from '../../queue/errors.js';
import type { RobotInfo } from '../../robots/registry.js';
import { RobotUnknownError } from '../errors.js';
import type { JobSource, RobotIdentity, RobotStatusReport } from '../job-source.js';

export interface HttpSourceOptions {
  /** The orchestrator's base URL, e.g. http://127.0.0.1:8000 */
  baseUrl: string;
  /** A robot (or admin) API key. */
  token: string;
  /** Per-request timeout for everything but the long-poll claim. */
  requestTimeoutMs?: number;
}

interface WireAssignment {
  job_id: string;
  tenant_id: string;
  attempt: number;
  lease_token: string;
  lease_expires_at: string;
  timeout_seconds: number | null;
  workflow_id: string | null;
  workflow_version: number | null;
  definition: unknown;
  variables: Record<string, unknown>;
  url_map: Record<string, string>;
  created_at: string;
}

/** Talks the robot protocol to an orchestrator over HTTP; the robot never sees the database. */
export class HttpJobSource implements JobSource {
  readonly transport = 'http' as const;
  private robotId: string | null = null;
  private readonly base: string;
  private readonly timeoutMs: number;

  constructor(private readonly opts: HttpSourceOptions) {
    this.base = opts.baseUrl.replace(/\/+$/, '');
    this.timeoutMs = opts.requestTimeoutMs ?? 15_000;
  }

  private async call<T>(
    path: string,
    body: unknown,
    opts: { timeoutMs?: number; signal?: AbortSignal; lease?: Lease } = {},
  ): Promise<T> {
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? this.timeoutMs);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let res: Response;
    try {
      res = await fetch(`${this.base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${this.opts.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
        signal,
      });
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      throw new CasareError(
        'ORCHESTRATOR_UNREACHABLE',
        `cannot reach ${this.base}: ${(err as Error).message}`,
        { retryable: true, cause: err },
      );
    }
    const text = await res.text();
    const json = parseJson(text);
    if (res.ok) return json as T;
    const code = typeof json.code === 'string' ? json.code : `HTTP_${res.status}`;
    if (code === 'LEASE_LOST' && opts.lease) throw new LeaseLostError(opts.lease.jobId);
    if (code === 'ROBOT_NOT_FOUND') throw new RobotUnknownError();
    const detail = typeof json.detail === 'string' ? json.detail : res.statusText;
    throw new CasareError(code, `orchestrator answered ${res.status}: ${detail}`, {
      retryable: res.status >= 500 || res.status === 429,
    });
  }

  private get id(): string {
    if (!this.robotId) throw new Error('register() first');
    return this.robotId;
  }

  async register(info: RobotInfo): Promise<RobotIdentity> {
    const r = await this.call<{
      robot_id: string;
      tenant_id: string;
      lease_seconds: number;
      heartbeat_seconds: number;
    }>('/api/v1/robots/register', {
      name: info.name,
      platform: info.platform,
      capabilities: info.capabilities,
      tags: info.tags,
      max_concurrency: info.maxConcurrency,
      environment: info.environment,
      region: info.region,
      version: info.version,
    });
    this.robotId = r.robot_id;
    return {
      robotId: r.robot_id,
      tenantId: r.tenant_id,
      leaseSeconds: r.lease_seconds,
      heartbeatSeconds: r.heartbeat_seconds,
    };
  }

  async reportStatus(s: RobotStatusReport): Promise<void> {
    await this.call(`/api/v1/robots/${this.id}/heartbeat`, {
      current_jobs: s.currentJobs,
      draining: s.draining,
      metrics: s.metrics,
    });
  }

  async claim(limit: number, waitMs: number, signal: AbortSignal): Promise<Assignment[]> {
    const wait = Math.min(waitMs, 25_000);
    const r = await this.call<{ jobs: WireAssignment[] }>(
      `/api/v1/robots/${this.id}/claim`,
      { limit, wait_ms: wait },
      { timeoutMs: wait + this.timeoutMs, signal },
    );
    return r.jobs.map((j) => ({
      jobId: j.job_id,
      tenantId: j.tenant_id,
      attempt: j.attempt,
      lease: { jobId: j.job_id, token: j.lease_token },
      leaseExpiresAt: j.lease_expires_at,
      timeoutSeconds: j.timeout_seconds,
      workflowId: j.workflow_id,
      workflowVersion: j.workflow_version,
      definition: j.definition,
      variables: j.variables,
      urlMap: j.url_map,
      createdAt: j.created_at,
    }));
  }

  async heartbeat(lease: Lease): Promise<{ cancelRequested: boolean }> {
    const r = await this.call<{ cancel_requested: boolean }>(
      `/api/v1/jobs/${lease.jobId}/lease/heartbeat`,
      { lease_token: lease.token },
      { lease },
    );
    return { cancelRequested: r.cancel_requested };
  }

  async appendLogs(lease: Lease, entries: JobLogEntry[]): Promise<void> {
    await this.call(
      `/api/v1/jobs/${lease.jobId}/lease/logs`,
      { lease_token: lease.token, logs: entries },
      { lease },
    );
  }

  async complete(lease: Lease, result: JobResult): Promise<void> {
    await this.call(
      `/api/v1/jobs/${lease.jobId}/lease/complete`,
      { lease_token: lease.token, result },
      { lease },
    );
  }

  async fail(lease: Lease, error: JobError, result: JobResult | null): Promise<void> {
    await this.call(
      `/api/v1/jobs/${lease.jobId}/lease/fail`,
      { lease_token: lease.token, error, result },
      { lease },
    );
  }

  async release(lease: Lease): Promise<void> {
    await this.call(`/api/v1/jobs/${lease.jobId}/lease/release`, { lease_token: lease.token }, { lease });
  }

  async stopped(): Promise<void> {
    if (this.robotId) await this.call(`/api/v1/robots/${this.robotId}/stopped`, {});
  }

  async close(): Promise<void> {}
}

function parseJson(text: string): Record<string, unknown> {
  if (text === '') return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
