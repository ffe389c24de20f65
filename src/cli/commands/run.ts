import { mkdir, mkdtemp, readdir, readFile, rmdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { invalidWorkflowError, runWorkflow, validateWorkflow } from '../../engine/index.js';
import type { JobLogEntry } from '../../jobs/shapes.js';
import { CliError } from '../errors.js';

interface RunFlags {
  var?: string[];
  mapUrl?: string[];
  json?: boolean;
  timeout?: string;
  workspace?: string;
  verbose?: boolean;
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/**
 * `casare run <workflow.json>`: runs a workflow in this process, no server. Log lines go to
 * stderr as they happen so stdout stays clean: the final variables (or with --json the whole
 * outcome). Exit 0 completed, 1 failed or cancelled, 2 unusable input.
 */
export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a CasareRPA workflow file locally, without a server')
    .argument('<workflow>', 'workflow JSON file')
    .option(
      '--var <key=value>',
      'set a workflow variable; the value is JSON when it parses, else text (repeatable)',
      collect,
    )
    .option(
      '--map-url <from=to>',
      'rewrite URLs starting with FROM to start with TO, for HTTP and browser nodes (repeatable)',
      collect,
    )
    .option('--json', 'print the whole outcome as JSON on stdout')
    .option('--timeout <seconds>', "job timeout in seconds (default: the workflow's settings.timeout)")
    .option(
      '--workspace <dir>',
      'directory for files the workflow writes (default: a new temporary directory)',
    )
    .option('--verbose', 'also print debug log lines')
    .action(async (file: string, flags: RunFlags) => {
      await runCommand(file, flags);
    });
}

async function runCommand(file: string, flags: RunFlags): Promise<void> {
  const variables = parsePairs(flags.var ?? [], '--var KEY=VALUE', (v) => parseValue(v));
  const urlMap = parsePairs(flags.mapUrl ?? [], '--map-url FROM=TO', (v) => v);
  const timeoutMs = flags.timeout === undefined ? undefined : parseTimeout(flags.timeout);
  const definition = await readWorkflow(file);
  const issues = validateWorkflow(definition);
  if (issues.length > 0) throw new CliError(`${file}: ${invalidWorkflowError(issues).message}`, 2);

  const { dir: workspaceDir, temporary } = await workspace(flags.workspace);
  const controller = new AbortController();
  const onInterrupt = () => controller.abort('interrupted');
  process.once('SIGINT', onInterrupt);
  let outcome: Awaited<ReturnType<typeof runWorkflow>>;
  try {
    outcome = await runWorkflow(definition, {
      variables,
      urlMap,
      timeoutMs,
      workspaceDir,
      signal: controller.signal,
      onLog: (entry) => printLog(entry, flags.verbose === true),
    });
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  await reportWorkspace(workspaceDir, temporary);

  const body = flags.json ? outcome : outcome.result.variables;
  process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
  if (outcome.status !== 'completed') {
    const { error } = outcome;
    const where = error.node_id ? ` at node ${error.node_id}` : '';
    throw new CliError(`workflow ${outcome.status}${where}: ${error.code}: ${error.message}`, 1);
  }
}

async function readWorkflow(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(
      `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`,
      2,
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`, 2);
  }
}

function parsePairs<T>(
  items: readonly string[],
  usage: string,
  value: (raw: string) => T,
): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new CliError(`expected ${usage}, got "${item}"`, 2);
    Object.defineProperty(out, item.slice(0, eq), { value: value(item.slice(eq + 1)), enumerable: true });
  }
  return out;
}

/** `--var n=5` is the number 5, `--var tags=["a"]` a list, `--var name=Alice` text. */
function parseValue(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function parseTimeout(raw: string): number {
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new CliError(`--timeout expects a positive number of seconds, got "${raw}"`, 2);
  return seconds * 1000;
}

async function workspace(given: string | undefined): Promise<{ dir: string; temporary: boolean }> {
  if (given) {
    const dir = path.resolve(given);
    await mkdir(dir, { recursive: true });
    return { dir, temporary: false };
  }
  return { dir: await mkdtemp(path.join(tmpdir(), 'casare-run-')), temporary: true };
}

/** A temporary workspace left empty is removed; one with files is named so they can be found. */
async function reportWorkspace(dir: string, temporary: boolean): Promise<void> {
  if (!temporary) return;
  const entries = await readdir(dir).catch(() => []);
  if (entries.length === 0) await rmdir(dir).catch(() => undefined);
  else process.stderr.write(`casare: files written to ${dir}\n`);
}

function printLog(entry: JobLogEntry, verbose: boolean): void {
  if (entry.level === 'debug' && !verbose) return;
  const where = entry.node_id ? ` ${entry.node_id}:` : '';
  process.stderr.write(`[${entry.level}]${where} ${entry.message}\n`);
}
