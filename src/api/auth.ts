import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApiKeyStore, Principal, Role } from '../auth/api-keys.js';
import type { TenantDirectory } from '../tenancy/tenants.js';
import { ProblemError } from './problem.js';

/**
 * What a route needs: `public` (no key), `read`, `operate` (submit, cancel), `admin`
 * (keys), `robot` (the robot protocol) or `platform` (the platform admin key only).
 */
export type Access = 'public' | 'read' | 'operate' | 'admin' | 'robot' | 'platform';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The tenant this request acts in. */
    tenantId: string;
  }
}

const ALLOWED: Record<Exclude<Access, 'public' | 'platform'>, readonly Role[]> = {
  read: ['admin', 'operator', 'viewer'],
  operate: ['admin', 'operator'],
  admin: ['admin'],
  robot: ['robot', 'admin'],
};

export const TENANT_HEADER = 'casare-tenant';

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

/** Authenticates every /api/ request by its Bearer key and picks the tenant it acts in. */
export function registerAuth(app: FastifyInstance, keys: ApiKeyStore, tenants: TenantDirectory): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('tenantId', '');
  app.addHook('onRequest', async (req, reply) => {
    const access = req.routeOptions.config?.access ?? (req.url.startsWith('/api/') ? 'admin' : 'public');
    if (access === 'public') return;
    const key = bearer(req);
    if (!key) {
      reply.header('www-authenticate', 'Bearer');
      throw new ProblemError(401, 'AUTH_REQUIRED', 'send an API key as "Authorization: Bearer <key>"');
    }
    const principal = await keys.authenticate(key);
    if (!principal) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      throw new ProblemError(401, 'INVALID_API_KEY', 'the API key is unknown, revoked or expired');
    }
    const allowed =
      access === 'platform' ? principal.platformAdmin : ALLOWED[access].includes(principal.role);
    if (!allowed) throw new ProblemError(403, 'FORBIDDEN', `a ${principal.role} key may not do this`);
    req.principal = principal;
    req.tenantId = principal.tenantId;
    const named = req.headers[TENANT_HEADER];
    if (typeof named === 'string' && named.trim() !== '') {
      const tenant = await tenants.resolve(named.trim());
      if (principal.platformAdmin) {
        if (!tenant) throw new ProblemError(404, 'TENANT_NOT_FOUND', `tenant "${named}" not found`);
        req.tenantId = tenant.id;
      } else if (!tenant || tenant.id !== principal.tenantId) {
        throw new ProblemError(403, 'FORBIDDEN_TENANT', 'this key acts only in its own tenant');
      }
    }
  });
}
