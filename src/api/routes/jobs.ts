import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { JobPayload } from '../../jobs/assignment.js';
import type { Services } from '../../orchestrator/services.js';
import { JobNotFoundError } from '../../queue/errors.js';
import { canonicalJson, sha256Hex } from '../../util/canonical-json.js';
import { ProblemError } from '../problem.js';
import { renderAttempt, renderJob } from '../render.js';
import { IdParams, JobCreateBody, JobListQuery, LogQuery } from '../schemas.js';
import { checkWorkflow } from '../submission.js';

type JobBody = Static<typeof JobCreateBody>;

export function registerJobRoutes(app: FastifyInstance, s: Services): void {
  app.post<{ Body: JobBody }>(
    '/api/v1/jobs',
    { config: { access: 'operate' }, schema: { tags: ['jobs'], body: JobCreateBody } },
    async (req, reply) => {
      const b = req.body;
      if ((b.workflow_id === undefined) === (b.workflow === undefined)) {
        throw new ProblemError(400, 'VALIDATION_FAILED', 'give exactly one of workflow_id or workflow', [
          {
            pointer: '#/workflow_id',
            detail: 'give exactly one of workflow_id or workflow',
            location: 'body',
          },
        ]);
      }
      let workflowCaps: string[];
      let version: number | null = null;
      const payload: JobPayload = { variables: b.variables ?? {}, url_map: b.url_map ?? {} };
      if (b.workflow_id !== undefined) {
        const wf = await s.workflows.get(req.tenantId, b.workflow_id);
        if (!wf) {
          throw new ProblemError(422, 'WORKFLOW_NOT_FOUND', `workflow ${b.workflow_id} not found`, [
            { pointer: '#/workflow_id', detail: 'no such workflow', location: 'body' },
          ]);
        }
        workflowCaps = wf.capabilities;
        version = wf.version;
      } else {
        workflowCaps = checkWorkflow(b.workflow, '/workflow');
        payload.workflow = b.workflow;
      }
      const runAt = b.run_at === undefined ? null : new Date(b.run_at);
      const { job, created } = await s.queue.enqueue({
        tenantId: req.tenantId,
        workflowId: b.workflow_id ?? null,
        workflowVersion: version,
        payload: payload as Record<string, unknown>,
        priority: b.priority,
        environment: b.environment,
        region: b.region ?? null,
        capabilities: [...new Set([...(b.capabilities ?? []), ...workflowCaps])],
        runAt,
        maxAttempts: b.max_attempts,
        timeoutSeconds: b.timeout_seconds ?? null,
        idempotencyKey: b.idempotency_key ?? null,
        fingerprint: sha256Hex(canonicalJson(b)),
      });
      const robots = job.status === 'pending' ? await s.robots.list(req.tenantId) : null;
      return reply.code(created ? 201 : 200).send(renderJob(job, robots));
    },
  );

  app.get<{ Querystring: Static<typeof JobListQuery> }>(
    '/api/v1/jobs',
    { config: { access: 'read' }, schema: { tags: ['jobs'], querystring: JobListQuery } },
    async (req) => {
      const q = req.query;
      const page = await s.queue.list(req.tenantId, {
        status: q.status as never,
        workflowId: q.workflow_id,
        robotId: q.robot_id,
        limit: q.limit ?? 50,
        cursor: q.cursor ?? null,
      });
      const robots = page.items.some((j) => j.status === 'pending')
        ? await s.robots.list(req.tenantId)
        : null;
      return { items: page.items.map((j) => renderJob(j, robots)), next_cursor: page.nextCursor };
    },
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/jobs/:id',
    { config: { access: 'read' }, schema: { tags: ['jobs'], params: IdParams } },
    async (req) => {
      const job = await s.queue.get(req.tenantId, req.params.id);
      if (!job) throw new JobNotFoundError(req.params.id);
      const [robots, attempts] = await Promise.all([
        job.status === 'pending' ? s.robots.list(req.tenantId) : null,
        s.queue.attempts(req.tenantId, job.id),
      ]);
      return { ...renderJob(job, robots), attempt_history: attempts.map(renderAttempt) };
    },
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/v1/jobs/:id/cancel',
    { config: { access: 'operate' }, schema: { tags: ['jobs'], params: IdParams } },
    async (req) => renderJob(await s.queue.cancel(req.tenantId, req.params.id)),
  );

  app.post<{ Params: Static<typeof IdParams> }>(
    '/api/v1/jobs/:id/retry',
    { config: { access: 'operate' }, schema: { tags: ['jobs'], params: IdParams } },
    async (req) => renderJob(await s.queue.retry(req.tenantId, req.params.id)),
  );

  app.get<{ Params: Static<typeof IdParams>; Querystring: Static<typeof LogQuery> }>(
    '/api/v1/jobs/:id/logs',
    { config: { access: 'read' }, schema: { tags: ['jobs'], params: IdParams, querystring: LogQuery } },
    async (req) => {
      const job = await s.queue.get(req.tenantId, req.params.id);
      if (!job) throw new JobNotFoundError(req.params.id);
      const items = await s.logs.list(req.tenantId, job.id, req.query.after ?? 0, req.query.limit ?? 1000);
      return { items, next_after: items.length > 0 ? items[items.length - 1]!.id : (req.query.after ?? 0) };
    },
  );
}
