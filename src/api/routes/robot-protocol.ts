import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Static } from 'typebox';
import { type Assignment, toAssignment } from '../../jobs/assignment.js';
import type { JobError, JobLogEntry, JobResult } from '../../jobs/shapes.js';
import type { Services } from '../../orchestrator/services.js';
import { claimOrWait } from '../../queue/claim-wait.js';
import type { Robot } from '../../robots/registry.js';
import { ProblemError } from '../problem.js';
import {
  ClaimBody,
  CompleteBody,
  FailBody,
  IdParams,
  LeaseBody,
  LogsBody,
  RobotHeartbeatBody,
  RobotRegisterBody,
} from '../schemas.js';

/** The wire form of an Assignment (what `http` robots receive from a claim). */
export function renderAssignment(a: Assignment): Record<string, unknown> {
  return {
    job_id: a.jobId,
    tenant_id: a.tenantId,
    attempt: a.attempt,
    lease_token: a.lease.token,
    lease_expires_at: a.leaseExpiresAt,
    timeout_seconds: a.timeoutSeconds,
    workflow_id: a.workflowId,
    workflow_version: a.workflowVersion,
    definition: a.definition,
    variables: a.variables,
    url_map: a.urlMap,
    created_at: a.createdAt,
  };
}

/**
 * The robot protocol for robots that know only the orchestrator's URL and a robot key:
 * register, heartbeat, long-poll claim, and the lease-holding reports. Robots never see
 * database credentials; every report is fenced by the lease token.
 */
export function registerRobotProtocolRoutes(app: FastifyInstance, s: Services): void {
  const cfg = { access: 'robot' as const };
  const tags = ['robot protocol'];
  // Claims come often; the robot row they filter by changes only on (re-)registration.
  const robotCache = new Map<string, { robot: Robot; until: number }>();
  // Long-polls end at once when the server closes, and their answers go out before the
  // sockets are closed, so shutdown neither waits out a claim nor loses claimed jobs.
  const closing = new AbortController();
  let activeClaims = 0;
  let claimsDrained: (() => void) | null = null;
  app.addHook('preClose', async () => {
    closing.abort();
    if (activeClaims === 0) return;
    await new Promise<void>((resolve) => {
      claimsDrained = resolve;
      setTimeout(resolve, 2_000).unref();
    });
  });

  async function robotFor(req: FastifyRequest<{ Params: { id: string } }>): Promise<Robot> {
    const key = `${req.tenantId}/${req.params.id}`;
    const hit = robotCache.get(key);
    if (hit && hit.until > Date.now()) return hit.robot;
    const robot = await s.robots.get(req.tenantId, req.params.id);
    if (!robot) throw new ProblemError(404, 'ROBOT_NOT_FOUND', 'unknown robot; register again');
    if (robotCache.size > 10_000) robotCache.clear();
    robotCache.set(key, { robot, until: Date.now() + 5_000 });
    return robot;
  }

  app.post<{ Body: Static<typeof RobotRegisterBody> }>(
    '/api/v1/robots/register',
    { config: cfg, schema: { tags, body: RobotRegisterBody } },
    async (req) => {
      const b = req.body;
      const robot = await s.robots.register(req.tenantId, {
        name: b.name,
        platform: b.platform ?? 'unknown',
        capabilities: b.capabilities ?? [],
        tags: b.tags ?? [],
        maxConcurrency: b.max_concurrency ?? 1,
        environment: b.environment ?? 'default',
        region: b.region ?? null,
        version: b.version ?? null,
      });
      robotCache.delete(`${req.tenantId}/${robot.id}`);
      return {
        robot_id: robot.id,
        tenant_id: robot.tenantId,
        lease_seconds: s.timing.leaseSeconds,
        heartbeat_seconds: s.timing.heartbeatSeconds,
      };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof RobotHeartbeatBody> }>(
    '/api/v1/robots/:id/heartbeat',
    { config: cfg, schema: { tags, params: IdParams, body: RobotHeartbeatBody } },
    async (req) => {
      const ok = await s.robots.heartbeat(req.tenantId, req.params.id, {
        currentJobs: req.body.current_jobs,
        draining: req.body.draining ?? false,
        metrics: req.body.metrics,
      });
      if (!ok) throw new ProblemError(404, 'ROBOT_NOT_FOUND', 'unknown robot; register again');
      return { status: 'ok' };
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/v1/robots/:id/stopped',
    { config: cfg, schema: { tags, params: IdParams } },
    async (req) => {
      await s.robots.stopped(req.tenantId, req.params.id);
      return { status: 'ok' };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof ClaimBody> }>(
    '/api/v1/robots/:id/claim',
    { config: cfg, schema: { tags, params: IdParams, body: ClaimBody } },
    async (req, reply) => {
      const robot = await robotFor(req);
      activeClaims += 1;
      reply.raw.once('close', () => {
        activeClaims -= 1;
        if (activeClaims === 0) claimsDrained?.();
      });
      const gone = new AbortController();
      reply.raw.on('close', () => {
        if (!reply.raw.writableFinished) gone.abort();
      });
      const jobs = await claimOrWait(
        s.queue,
        s.wake,
        {
          robotId: robot.id,
          tenantId: robot.tenantId,
          environment: robot.environment,
          region: robot.region,
          capabilities: robot.capabilities,
          limit: req.body.limit ?? 1,
        },
        req.body.wait_ms ?? 0,
        AbortSignal.any([gone.signal, closing.signal]),
      );
      if (gone.signal.aborted) {
        // The robot hung up while we waited: hand the jobs straight back.
        await Promise.all(jobs.map((j) => s.queue.release(j.lease).catch(() => {})));
        return { jobs: [] };
      }
      s.metrics.observeClaims(jobs);
      const assignments = await Promise.all(jobs.map((j) => toAssignment(j, s.workflows)));
      return { jobs: assignments.map(renderAssignment) };
    },
  );

  const lease = (req: FastifyRequest<{ Params: { id: string }; Body: { lease_token: string } }>) => ({
    jobId: req.params.id,
    token: req.body.lease_token,
  });

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof LeaseBody> }>(
    '/api/v1/jobs/:id/lease/heartbeat',
    { config: cfg, schema: { tags, params: IdParams, body: LeaseBody } },
    async (req) => {
      const hb = await s.queue.heartbeat(lease(req));
      return { cancel_requested: hb.cancelRequested, lease_expires_at: hb.leaseExpiresAt.toISOString() };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof LogsBody> }>(
    '/api/v1/jobs/:id/lease/logs',
    { config: cfg, schema: { tags, params: IdParams, body: LogsBody } },
    async (req) => ({ appended: await s.logs.append(lease(req), req.body.logs as JobLogEntry[]) }),
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof CompleteBody> }>(
    '/api/v1/jobs/:id/lease/complete',
    { config: cfg, schema: { tags, params: IdParams, body: CompleteBody } },
    async (req) => {
      if (req.body.logs?.length) await s.logs.append(lease(req), req.body.logs as JobLogEntry[]);
      await s.queue.complete(lease(req), req.body.result as unknown as JobResult);
      return { status: 'completed' };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof FailBody> }>(
    '/api/v1/jobs/:id/lease/fail',
    { config: cfg, schema: { tags, params: IdParams, body: FailBody } },
    async (req) => {
      if (req.body.logs?.length) await s.logs.append(lease(req), req.body.logs as JobLogEntry[]);
      const out = await s.queue.fail(lease(req), req.body.error as JobError, req.body.result ?? undefined);
      return { status: out.status, run_at: out.runAt?.toISOString() ?? null };
    },
  );

  app.post<{ Params: Static<typeof IdParams>; Body: Static<typeof LeaseBody> }>(
    '/api/v1/jobs/:id/lease/release',
    { config: cfg, schema: { tags, params: IdParams, body: LeaseBody } },
    async (req) => {
      await s.queue.release(lease(req));
      return { status: 'released' };
    },
  );
}
