import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Services } from '../orchestrator/services.js';
import { registerAuth } from './auth.js';
import { ProblemError, problemHandler, sendProblem } from './problem.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerJobRoutes } from './routes/jobs.js';
import { registerKeyRoutes } from './routes/keys.js';
import { registerRobotProtocolRoutes } from './routes/robot-protocol.js';
import { registerRobotRoutes } from './routes/robots.js';
import { registerWorkflowRoutes } from './routes/workflows.js';
import { validatorCompiler } from './validation.js';

export interface AppOptions {
  services: Services;
  logger?: FastifyServerOptions['logger'];
  /** Largest accepted request body (default 5 MiB: workflows with embedded data). */
  bodyLimit?: number;
  version?: string;
}

/** Builds the orchestrator's HTTP app without listening, so tests drive it through inject(). */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: opts.bodyLimit ?? 5 * 1024 * 1024,
    ajv: { customOptions: { coerceTypes: false } },
    return503OnClosing: true,
    // Robots hold keep-alive connections; on close they are cut once answers are out.
    forceCloseConnections: true,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setErrorHandler(problemHandler);
  app.setNotFoundHandler((req, reply) =>
    sendProblem(reply, new ProblemError(404, 'NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`)),
  );

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Casare orchestrator API',
        version: opts.version ?? '0.1.0',
        description: 'RPA control plane: workflows, jobs, robots.',
      },
      components: {
        securitySchemes: { apiKey: { type: 'http', scheme: 'bearer', description: 'Casare API key' } },
      },
      security: [{ apiKey: [] }],
    },
  });

  registerAuth(app, opts.services.keys, opts.services.tenants);
  const s = opts.services;
  registerHealthRoutes(app, s);
  registerWorkflowRoutes(app, s);
  registerJobRoutes(app, s);
  registerRobotRoutes(app, s);
  registerRobotProtocolRoutes(app, s);
  registerKeyRoutes(app, s);
  app.get('/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
  return app;
}
