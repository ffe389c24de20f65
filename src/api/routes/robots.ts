import type { FastifyInstance } from 'fastify';
import type { Services } from '../../orchestrator/services.js';
import { renderRobot } from '../render.js';

export function registerRobotRoutes(app: FastifyInstance, s: Services): void {
  app.get('/api/v1/robots', { config: { access: 'read' }, schema: { tags: ['robots'] } }, async (req) => ({
    items: (await s.robots.list(req.tenantId)).map(renderRobot),
  }));
}
