import type { Command } from 'commander';
import { loadConfig } from '../../config/index.js';
import { startOrchestrator } from '../../orchestrator/orchestrator.js';
import { cliLogger } from '../logger.js';
import { parseIntOption } from '../options.js';
import { untilSignal } from '../signals.js';

interface UpOptions {
  port?: number;
  host?: string;
  robots: number;
  concurrency: number;
  dataDir?: string;
}

async function serve(opts: UpOptions, robots: number): Promise<void> {
  const config = loadConfig(process.env, {
    port: opts.port,
    host: opts.host,
    dataDir: opts.dataDir && (await import('node:path')).resolve(opts.dataDir),
  });
  const log = cliLogger(config.logLevel);
  const orch = await startOrchestrator({ config, log, robots, robotConcurrency: opts.concurrency });
  if (orch.adminKeyGenerated) {
    process.stderr.write(
      `\nCasare admin API key (shown once; saved to ${orch.adminKeyFile}):\n  ${orch.adminKey}\n\n`,
    );
  }
  process.stderr.write(
    `Casare is up at ${orch.url} (${orch.services.db.driver}, ${robots} robot${robots === 1 ? '' : 's'}). Ctrl-C to stop.\n`,
  );
  await untilSignal(
    () => orch.close(),
    () => {
      for (const r of orch.robots) r.interruptAll();
    },
  );
}

export function registerUp(program: Command): void {
  program
    .command('up')
    .description('orchestrator + dashboard + in-process robots, embedded database unless DATABASE_URL is set')
    .option('--port <port>', 'listen port (default $CASARE_PORT or 8000)', parseIntOption('--port', 0, 65535))
    .option('--host <host>', 'listen address (default $CASARE_HOST or 127.0.0.1)')
    .option('--robots <n>', 'in-process robots', parseIntOption('--robots', 0, 64), 1)
    .option(
      '--concurrency <n>',
      'jobs each in-process robot runs at once',
      parseIntOption('--concurrency', 1, 64),
      2,
    )
    .option(
      '--data-dir <dir>',
      'embedded database, artifacts and keys (default $CASARE_DATA_DIR or ./.casare)',
    )
    .action((opts: UpOptions) => serve(opts, opts.robots));

  program
    .command('server')
    .description('orchestrator only (no in-process robots)')
    .option('--port <port>', 'listen port (default $CASARE_PORT or 8000)', parseIntOption('--port', 0, 65535))
    .option('--host <host>', 'listen address (default $CASARE_HOST or 127.0.0.1)')
    .option(
      '--data-dir <dir>',
      'embedded database, artifacts and keys (default $CASARE_DATA_DIR or ./.casare)',
    )
    .action((opts: UpOptions) => serve({ ...opts, concurrency: 1 }, 0));
}
