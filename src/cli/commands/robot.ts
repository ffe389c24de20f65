import os from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { isMigrated } from '../../db/migrate.js';
import { openPg } from '../../db/pg-driver.js';
import { RobotAgent } from '../../robot/agent.js';
import type { JobSource } from '../../robot/job-source.js';
import { DirectJobSource } from '../../robot/sources/direct.js';
import { HttpJobSource } from '../../robot/sources/http.js';
import { TenantDirectory } from '../../tenancy/tenants.js';
import { CliError } from '../errors.js';
import { cliLogger } from '../logger.js';
import { parseIntOption, splitList } from '../options.js';
import { untilSignal } from '../signals.js';

interface RobotOptions {
  databaseUrl?: string;
  tenant: string;
  orchestrator?: string;
  token?: string;
  transport: string;
  name: string;
  capabilities?: string;
  tags?: string;
  concurrency: number;
  environment: string;
  region?: string;
  graceSeconds: number;
  workspace?: string;
}

async function directSource(o: RobotOptions): Promise<JobSource> {
  const db = await openPg({
    connectionString: o.databaseUrl!,
    max: Math.max(4, o.concurrency + 2),
    applicationName: 'casare-robot',
  });
  try {
    if (!(await isMigrated(db)))
      throw new CliError(
        'the database is not migrated; start the orchestrator or run `casare migrate` first',
        1,
      );
    const tenant = await new TenantDirectory(db).resolve(o.tenant);
    if (!tenant) throw new CliError(`tenant "${o.tenant}" not found`, 2);
    return new DirectJobSource({ db, tenantId: tenant.id, ownsDb: true });
  } catch (err) {
    await db.close();
    if (err instanceof CliError) throw err;
    throw new CliError(`cannot use the database: ${(err as Error).message}`, 1);
  }
}

async function runRobot(o: RobotOptions): Promise<void> {
  if (!!o.databaseUrl === !!o.orchestrator)
    throw new CliError('give either --database-url (direct) or --orchestrator with --token (http)');
  if (o.orchestrator && !o.token) throw new CliError('--orchestrator needs --token (a robot API key)');
  if (o.orchestrator && o.transport !== 'http') {
    throw new CliError(`--transport ${o.transport} is not available yet; use --transport http`);
  }
  const log = cliLogger();
  const source = o.databaseUrl
    ? await directSource(o)
    : new HttpJobSource({ baseUrl: o.orchestrator!, token: o.token! });
  const agent = new RobotAgent({
    source,
    info: {
      name: o.name,
      platform: process.platform,
      capabilities: splitList(o.capabilities),
      tags: splitList(o.tags),
      maxConcurrency: o.concurrency,
      environment: o.environment,
      region: o.region ?? null,
      version: process.env.npm_package_version ?? null,
    },
    log,
    graceMs: o.graceSeconds * 1000,
    workspaceRoot: o.workspace ? path.resolve(o.workspace) : undefined,
  });
  try {
    await agent.start();
  } catch (err) {
    await source.close().catch(() => {});
    throw new CliError(`robot could not register: ${(err as Error).message}`, 1);
  }
  await untilSignal(
    () => agent.stop(),
    () => agent.interruptAll(),
  );
}

export function registerRobot(program: Command): void {
  program
    .command('robot')
    .description(
      'run a robot that claims and runs jobs (direct: --database-url; http: --orchestrator + --token)',
    )
    .option('--database-url <url>', 'claim straight from PostgreSQL (in-cluster robots)')
    .option('--tenant <tenant>', 'tenant id or name, with --database-url', 'default')
    .option('--orchestrator <url>', "the orchestrator's URL (robots that never see the database)")
    .option('--token <key>', 'robot API key, with --orchestrator')
    .option('--transport <kind>', 'http (ws arrives with the tunnel)', 'http')
    .option('--name <name>', 'stable robot name (its identity across restarts)', os.hostname())
    .option('--capabilities <list>', 'comma-separated, e.g. browser:chromium,desktop')
    .option('--tags <list>', 'comma-separated labels')
    .option('--concurrency <n>', 'jobs run at once', parseIntOption('--concurrency', 1, 256), 1)
    .option('--environment <env>', 'environment this robot serves', 'default')
    .option('--region <region>', 'region this robot serves')
    .option(
      '--grace-seconds <n>',
      'on SIGTERM, how long running jobs may finish before release',
      parseIntOption('--grace-seconds', 0, 3600),
      30,
    )
    .option('--workspace <dir>', "root of the jobs' workspace directories")
    .action(runRobot);
}
