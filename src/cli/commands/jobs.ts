import type { Command } from 'commander';
import { ApiClient } from '../client.js';
import { CliError } from '../errors.js';
import { clientOptions, parseIntOption } from '../options.js';

interface ListOptions {
  server?: string;
  apiKey?: string;
  dataDir?: string;
  status?: string;
  limit: number;
  json?: boolean;
}

type Job = {
  id: string;
  status: string;
  priority: number;
  attempts: number;
  robot_id: string | null;
  waiting_reason: string | null;
  created_at: string;
};
type Robot = {
  id: string;
  name: string;
  status: string;
  capabilities: string[];
  current_jobs: number;
  max_concurrency: number;
  environment: string;
  last_heartbeat_at: string;
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'];

export function registerListCommands(program: Command): void {
  clientOptions(
    program
      .command('jobs')
      .description('list jobs, newest first')
      .option('--status <status>', `only jobs in this status (${STATUSES.join(', ')})`)
      .option('--limit <n>', 'how many', parseIntOption('--limit', 1, 500), 20)
      .option('--json', 'print JSON'),
  ).action(async (o: ListOptions) => {
    if (o.status && !STATUSES.includes(o.status))
      throw new CliError(`--status must be one of ${STATUSES.join(', ')}`);
    const client = await ApiClient.create(o);
    const qs = new URLSearchParams({ limit: String(o.limit), ...(o.status ? { status: o.status } : {}) });
    const { body } = await client.request<{ items: Job[] }>('GET', `/api/v1/jobs?${qs}`);
    if (o.json) return void process.stdout.write(`${JSON.stringify(body.items, null, 2)}\n`);
    if (body.items.length === 0)
      return void process.stdout.write('no jobs yet: casare submit <workflow.json>\n');
    const rows = [['ID', 'STATUS', 'PRIORITY', 'ATTEMPTS', 'WAITING', 'CREATED']];
    for (const j of body.items) {
      rows.push([
        j.id,
        j.status,
        String(j.priority),
        String(j.attempts),
        j.waiting_reason ?? '',
        j.created_at,
      ]);
    }
    process.stdout.write(`${table(rows)}\n`);
  });

  clientOptions(
    program.command('robots').description('list robots and their status').option('--json', 'print JSON'),
  ).action(async (o: ListOptions) => {
    const client = await ApiClient.create(o);
    const { body } = await client.request<{ items: Robot[] }>('GET', '/api/v1/robots');
    if (o.json) return void process.stdout.write(`${JSON.stringify(body.items, null, 2)}\n`);
    if (body.items.length === 0)
      return void process.stdout.write('no robots registered: casare robot --help\n');
    const rows = [['ID', 'NAME', 'STATUS', 'JOBS', 'ENVIRONMENT', 'CAPABILITIES', 'LAST HEARTBEAT']];
    for (const r of body.items) {
      rows.push([
        r.id,
        r.name,
        r.status,
        `${r.current_jobs}/${r.max_concurrency}`,
        r.environment,
        r.capabilities.join(',') || '-',
        r.last_heartbeat_at,
      ]);
    }
    process.stdout.write(`${table(rows)}\n`);
  });
}
