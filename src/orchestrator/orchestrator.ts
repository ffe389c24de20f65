import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../api/app.js';
import { resolveAdminKey } from '../auth/admin-key.js';
import type { Config } from '../config/index.js';
import { migrate } from '../db/migrate.js';
import { openDb } from '../db/open.js';
import { DEFAULT_TENANT_ID } from '../queue/contract.js';
import { RobotAgent } from '../robot/agent.js';
import { DirectJobSource } from '../robot/sources/direct.js';
import { Reaper } from './reaper.js';
import { createServices, type Services } from './services.js';

export interface OrchestratorOptions {
  config: Config;
  log: Logger;
  /** In-process robots, claiming through the same agent code as remote ones. */
  robots?: number;
  robotConcurrency?: number;
  robotCapabilities?: string[];
  leaseSeconds?: number;
  heartbeatSeconds?: number;
  backoffBaseSeconds?: number;
  /** Listen on the configured port (default) or not at all (tests use inject). */
  listen?: boolean;
}

export interface Orchestrator {
  app: FastifyInstance;
  services: Services;
  robots: RobotAgent[];
  adminKey: string;
  adminKeyGenerated: boolean;
  adminKeyFile: string | null;
  url: string | null;
  /** Graceful: robots drain and release, the server stops accepting, the database closes. */
  close(): Promise<void>;
}

export async function startOrchestrator(opts: OrchestratorOptions): Promise<Orchestrator> {
  const { config, log } = opts;
  const admin = await resolveAdminKey(config);
  const db = await openDb(config);
  try {
    const applied = await migrate(db);
    if (applied.length > 0) log.info({ applied }, 'migrations applied');
  } catch (err) {
    await db.close();
    throw err;
  }
  const services = await createServices(db, {
    adminKey: admin.key,
    leaseSeconds: opts.leaseSeconds,
    heartbeatSeconds: opts.heartbeatSeconds,
    backoffBaseSeconds: opts.backoffBaseSeconds,
  });
  const app = await buildApp({ services, logger: false });
  const reaper = new Reaper(services.queue, log.child({ component: 'reaper' }));
  reaper.start(Math.min(5_000, (services.timing.leaseSeconds * 1000) / 3));

  let url: string | null = null;
  if (opts.listen !== false) {
    url = await app.listen({ port: config.port, host: config.host });
    log.info({ url, driver: db.driver }, 'orchestrator listening');
  }

  const robots: RobotAgent[] = [];
  for (let i = 0; i < (opts.robots ?? 0); i++) {
    const agent = new RobotAgent({
      source: new DirectJobSource({
        db,
        tenantId: DEFAULT_TENANT_ID,
        leaseSeconds: services.timing.leaseSeconds,
        heartbeatSeconds: services.timing.heartbeatSeconds,
        shared: services,
      }),
      info: {
        name: `${os.hostname()}-local-${i + 1}`,
        platform: process.platform,
        capabilities: opts.robotCapabilities ?? [],
        tags: ['in-process'],
        maxConcurrency: opts.robotConcurrency ?? 2,
        environment: 'default',
        region: null,
        version: null,
      },
      log: log.child({ component: 'robot', robot: i + 1 }),
      workspaceRoot: path.join(config.dataDir, 'jobs'),
    });
    await agent.start();
    robots.push(agent);
  }

  let closing: Promise<void> | null = null;
  return {
    app,
    services,
    robots,
    adminKey: admin.key,
    adminKeyGenerated: admin.generated,
    adminKeyFile: admin.file,
    url,
    close() {
      closing ??= (async () => {
        await Promise.all(robots.map((r) => r.stop()));
        await reaper.stop();
        await app.close();
        await services.close();
        await db.close();
      })();
      return closing;
    },
  };
}
