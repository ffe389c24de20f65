import fs from 'node:fs/promises';
import type { Command } from 'commander';
import { ApiClient } from '../client.js';
import { CliError } from '../errors.js';
import { clientOptions, collect, parseIntOption, parseUrlMap, parseVars } from '../options.js';

interface SubmitOptions {
  server?: string;
  apiKey?: string;
  dataDir?: string;
  priority?: number;
  var: string[];
  mapUrl: string[];
  wait?: boolean;
  environment?: string;
  region?: string;
  idempotencyKey?: string;
  timeout: number;
  json?: boolean;
}

type JobView = {
  id: string;
  status: string;
  result?: { variables?: unknown } | null;
  error?: { code: string; message: string; node_id: string | null } | null;
  waiting_reason?: string | null;
};

async function readWorkflow(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

const FINAL = new Set(['completed', 'failed', 'cancelled']);

async function submit(file: string, o: SubmitOptions): Promise<void> {
  const workflow = await readWorkflow(file);
  const client = await ApiClient.create(o);
  const body: Record<string, unknown> = { workflow, variables: parseVars(o.var) };
  if (o.priority !== undefined) body.priority = o.priority;
  if (o.mapUrl.length > 0) body.url_map = parseUrlMap(o.mapUrl);
  if (o.environment) body.environment = o.environment;
  if (o.region) body.region = o.region;
  if (o.idempotencyKey) body.idempotency_key = o.idempotencyKey;
  const { body: job } = await client.request<JobView>('POST', '/api/v1/jobs', body);
  if (!o.wait) {
    process.stdout.write(o.json ? `${JSON.stringify(job)}\n` : `${job.id}\n`);
    return;
  }
  process.stderr.write(`submitted ${job.id}; waiting…\n`);
  const deadline = Date.now() + o.timeout * 1000;
  let current = job;
  let delay = 50;
  while (!FINAL.has(current.status)) {
    if (Date.now() > deadline)
      throw new CliError(`job ${job.id} still ${current.status} after ${o.timeout}s`, 1);
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 1.5, 1000);
    current = (await client.request<JobView>('GET', `/api/v1/jobs/${job.id}`)).body;
  }
  if (o.json) process.stdout.write(`${JSON.stringify(current)}\n`);
  else if (current.status === 'completed')
    process.stdout.write(`${JSON.stringify(current.result?.variables ?? {}, null, 2)}\n`);
  if (current.status !== 'completed') {
    const e = current.error;
    throw new CliError(
      `job ${job.id} ${current.status}${e ? `: ${e.code}${e.node_id ? ` at node ${e.node_id}` : ''}: ${e.message}` : ''}`,
      1,
    );
  }
}

export function registerSubmit(program: Command): void {
  clientOptions(
    program
      .command('submit <workflow.json>')
      .description('submit a CasareRPA workflow file as a job to the orchestrator')
      .option(
        '--priority <p>',
        'priority 0-20, higher first (default 10)',
        parseIntOption('--priority', 0, 20),
      )
      .option(
        '--var <name=value>',
        'workflow variable (value parsed as JSON when it parses); repeatable',
        collect,
        [],
      )
      .option(
        '--map-url <from=to>',
        'rewrite a URL prefix seen by HTTP and browser nodes; repeatable',
        collect,
        [],
      )
      .option('--environment <env>', 'environment to run in')
      .option('--region <region>', 'region to run in')
      .option('--idempotency-key <key>', 'submit at most once per key')
      .option('--wait', 'wait for the job to finish; print its final variables; exit 1 if it failed')
      .option(
        '--timeout <seconds>',
        'with --wait, give up after this long',
        parseIntOption('--timeout', 1, 86400),
        600,
      )
      .option('--json', 'print the job as JSON'),
  ).action(submit);
}
