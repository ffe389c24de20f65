import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import type { Role } from '../../auth/api-keys.js';
import type { Services } from '../../orchestrator/services.js';
import { ProblemError } from '../problem.js';
import { ApiKeyCreateBody, IdParams } from '../schemas.js';

export function registerKeyRoutes(app: FastifyInstance, s: Services): void {
  app.post<{ Body: Static<typeof ApiKeyCreateBody> }>(
    '/api/v1/api-keys',
    { config: { access: 'admin' }, schema: { tags: ['api keys'], body: ApiKeyCreateBody } },
    async (req, reply) => {
      let tenantId = req.tenantId;
      if (req.body.tenant_id !== undefined && req.body.tenant_id !== tenantId) {
        if (!req.principal?.platformAdmin)
          throw new ProblemError(403, 'FORBIDDEN_TENANT', 'this key acts only in its own tenant');
        const t = await s.tenants.resolve(req.body.tenant_id);
        if (!t)
          throw new ProblemError(422, 'TENANT_NOT_FOUND', 'no such tenant', [
            { pointer: '#/tenant_id', detail: 'no such tenant', location: 'body' },
          ]);
        tenantId = t.id;
      }
      const expires = req.body.expires_at ? new Date(req.body.expires_at) : null;
      if (expires && expires.getTime() <= Date.now()) {
        throw new ProblemError(400, 'VALIDATION_FAILED', 'expires_at must be in the future', [
          { pointer: '#/expires_at', detail: 'must be in the future', location: 'body' },
        ]);
      }
      const k = await s.keys.create(tenantId, req.body.name, req.body.role as Role, expires);
      return reply.code(201).send({
        id: k.id,
        key: k.key,
        prefix: k.prefix,
        name: k.name,
        role: k.role,
        tenant_id: k.tenantId,
        created_at: k.createdAt.toISOString(),
        expires_at: k.expiresAt?.toISOString() ?? null,
      });
    },
  );

  app.delete<{ Params: Static<typeof IdParams> }>(
    '/api/v1/api-keys/:id',
    { config: { access: 'admin' }, schema: { tags: ['api keys'], params: IdParams } },
    async (req, reply) => {
      if (!(await s.keys.revoke(req.tenantId, req.params.id)))
        throw new ProblemError(404, 'API_KEY_NOT_FOUND', 'no such active API key');
      return reply.code(204).send();
    },
  );

  app.get('/api/v1/tenants', { config: { access: 'read' }, schema: { tags: ['tenants'] } }, async (req) => {
    const all = await s.tenants.list();
    const visible = req.principal?.platformAdmin ? all : all.filter((t) => t.id === req.tenantId);
    return {
      items: visible.map((t) => ({ id: t.id, name: t.name, created_at: t.created_at.toISOString() })),
    };
  });
}
