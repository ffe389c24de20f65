import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { Services } from '../../orchestrator/services.js';
import { WorkflowNotFoundError } from '../../workflows/store.js';
import { renderWorkflow } from '../render.js';
import { IdParams, WorkflowCreateBody, WorkflowUpdateBody } from '../schemas.js';
import { checkWorkflow, workflowName } from '../submission.js';

export function registerWorkflowRoutes(app: FastifyInstance, s: Services): void {
  app.post<{ Body: Static<typeof WorkflowCreateBody> }>(
    '/api/v1/workflows',
    { config: { access: 'operate' }, schema: { tags: ['workflows'], body: WorkflowCreateBody } },
    async (req, reply) => {
      const caps = checkWorkflow(req.body.definition, '/definition');
      const wf = await s.workflows.create(
        req.tenantId,
        workflowName(req.body.definition, req.body.name),
        req.body.definition,
        caps,
      );
      return reply.code(201).send({ ...renderWorkflow(wf), capabilities: caps });
    },
  );

  app.put<{ Params: Static<typeof IdParams>; Body: Static<typeof WorkflowUpdateBody> }>(
    '/api/v1/workflows/:id',
    {
      config: { access: 'operate' },
      schema: { tags: ['workflows'], params: IdParams, body: WorkflowUpdateBody },
    },
    async (req) => {
      const caps = checkWorkflow(req.body.definition, '/definition');
      const wf = await s.workflows.update(
        req.tenantId,
        req.params.id,
        req.body.definition,
        caps,
        req.body.name,
      );
      return { ...renderWorkflow(wf), capabilities: caps };
    },
  );

  app.get(
    '/api/v1/workflows',
    { config: { access: 'read' }, schema: { tags: ['workflows'] } },
    async (req) => ({
      items: (await s.workflows.list(req.tenantId, 500)).map(renderWorkflow),
    }),
  );

  app.get<{ Params: Static<typeof IdParams> }>(
    '/api/v1/workflows/:id',
    { config: { access: 'read' }, schema: { tags: ['workflows'], params: IdParams } },
    async (req) => {
      const wf = await s.workflows.get(req.tenantId, req.params.id);
      if (!wf) throw new WorkflowNotFoundError(req.params.id);
      return { ...renderWorkflow(wf), capabilities: wf.capabilities, definition: wf.definition };
    },
  );
}
