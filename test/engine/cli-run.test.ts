import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { registerRun } from '../../src/cli/commands/run.js';
import { CliError } from '../../src/cli/errors.js';
import { SAMPLES, workflow } from './builder.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'casare-cli-run-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

let stdout = '';
let stderr = '';
beforeEach(() => {
  stdout = '';
  stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
});
afterEach(() => vi.restoreAllMocks());

/** Runs `casare run …` in-process; resolves to the exit code the CLI's main would use. */
async function casareRun(...args: string[]): Promise<{ code: number; error?: CliError }> {
  const program = new Command('casare').exitOverride();
  registerRun(program);
  try {
    await program.parseAsync(['node', 'casare', 'run', ...args]);
    return { code: 0 };
  } catch (err) {
    if (err instanceof CliError) return { code: err.exitCode, error: err };
    throw err;
  }
}

describe('casare run', () => {
  it('runs a sample, streams its log to stderr and prints the variables on stdout', async () => {
    const { code } = await casareRun(path.join(SAMPLES, 'stress_test_v1/task_1.json'));
    expect(code).toBe(0);
    expect(stderr).toContain('[info] log_total: The total sum is: 15\n');
    expect(JSON.parse(stdout)).toMatchObject({ total_sum: 15, numbers: [1, 2, 3, 4, 5] });
  });

  it('prints the whole outcome with --json and takes --var values as JSON when they parse', async () => {
    const wf = file('vars.json', workflow({ say: ['LogNode', { message: '{{who}} is {{age}}' }] }));
    const { code } = await casareRun(
      wf,
      '--json',
      '--var',
      'who=Alice',
      '--var',
      'age=30',
      '--var',
      'tags=["a"]',
      '--var',
      'eq=a=b',
    );
    expect(code).toBe(0);
    const outcome = JSON.parse(stdout);
    expect(outcome.status).toBe('completed');
    expect(outcome.result.variables).toEqual({ who: 'Alice', age: 30, tags: ['a'], eq: 'a=b' });
    expect(stderr).toContain('Alice is 30');
  });

  it('exits 1 with one line naming the node when the workflow fails', async () => {
    const wf = file(
      'div.json',
      workflow({ div: ['MathOperationNode', { a: 1, b: 0, operation: 'divide' }] }),
    );
    const { code, error } = await casareRun(wf);
    expect(code).toBe(1);
    expect(error?.message).toBe('workflow failed at node div: DIVISION_BY_ZERO: division by zero');
    expect(JSON.parse(stdout)).toEqual({});
  });

  it('exits 1 on --timeout', async () => {
    const wf = file(
      'endless.json',
      workflow(
        { loop: ['WhileLoopStartNode', { condition: true, max_iterations: 1e9 }], end: ['WhileLoopEndNode'] },
        ['loop.body -> end'],
      ),
    );
    const { code, error } = await casareRun(wf, '--timeout', '0.1');
    expect(code).toBe(1);
    expect(error?.message).toContain('JOB_TIMEOUT');
  });

  it('exits 2 on input it cannot use, with one clear line', async () => {
    const cases: [string[], RegExp][] = [
      [[path.join(dir, 'missing.json')], /cannot read .*missing\.json: ENOENT/],
      [[file('bad.json', '{ nope')], /bad\.json is not valid JSON/],
      [
        [path.join(SAMPLES, 'node_tests/batch_1_1_variables.json')],
        /invalid workflow: node "dict_get" has an unknown node type "DictGetNode"; node "dict_set"/,
      ],
      [
        [file('ok.json', workflow({ a: ['LogNode'] })), '--var', 'novalue'],
        /expected --var KEY=VALUE, got "novalue"/,
      ],
      [
        [file('ok2.json', workflow({ a: ['LogNode'] })), '--map-url', '=http://x'],
        /expected --map-url FROM=TO/,
      ],
      [
        [file('ok3.json', workflow({ a: ['LogNode'] })), '--timeout', 'soon'],
        /--timeout expects a positive number/,
      ],
    ];
    for (const [args, message] of cases) {
      const { code, error } = await casareRun(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(error?.message).toMatch(message);
      expect(error?.message).not.toContain('\n');
    }
    expect(stdout).toBe('');
  });

  it('uses --workspace, creating it', async () => {
    const ws = path.join(dir, 'ws', 'nested');
    const { code } = await casareRun(file('ws.json', workflow({ a: ['LogNode'] })), '--workspace', ws);
    expect(code).toBe(0);
    expect(fs.statSync(ws).isDirectory()).toBe(true);
  });
});
