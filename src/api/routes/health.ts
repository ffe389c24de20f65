import type { FastifyInstance } from 'fastify';
import { isMigrated } from '../../db/migrate.js';
import type { Services } from '../../orchestrator/services.js';
import { ProblemError } from '../problem.js';
import { DASHBOARD_PLACEHOLDER } from './placeholder-page.js';

/** Liveness, readiness, metrics and the dashboard placeholder: all without a key. */
export function registerHealthRoutes(app: FastifyInstance, s: Services): void {
  const pub = { access: 'public' as const };
  let migrated = false;

  app.get('/health/live', { config: pub, schema: { tags: ['health'] } }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { config: pub, schema: { tags: ['health'] } }, async () => {
    try {
      await withTimeout(s.db.query('SELECT 1'), 2_000);
      migrated ||= await isMigrated(s.db);
    } catch {
      throw new ProblemError(503, 'NOT_READY', 'the database is not reachable');
    }
    if (!migrated) throw new ProblemError(503, 'NOT_READY', 'database migrations are not applied yet');
    return { status: 'ok' };
  });

  app.get('/metrics', { config: pub, schema: { hide: true } }, async (_req, reply) => {
    const text = await s.metrics.render();
    return reply.type(s.metrics.contentType).send(text);
  });

  app.get('/', { config: pub, schema: { hide: true } }, async (_req, reply) =>
    reply.type('text/html; charset=utf-8').send(DASHBOARD_PLACEHOLDER),
  );
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
