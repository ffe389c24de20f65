import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { casare, startCasare, stopProcess } from '../helpers/cli.js';
import { openTestDb, type TestDb } from '../helpers/db.js';
import { WORKFLOWS_DIR } from '../helpers/fixtures.js';

/**
 * The quickstart as a user runs it: `casare up` in its own process (embedded PGlite, or
 * PostgreSQL when the suite runs on it), then the client commands against it.
 */
let dataDir: string;
let up: ChildProcess;
let server: string;
let t: TestDb | null = null;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casare-cli-'));
  env = {
    CASARE_DATA_DIR: dataDir,
    CASARE_ADMIN_KEY: undefined,
    DATABASE_URL: undefined,
    CASARE_LOG_LEVEL: 'warn',
  };
  if (process.env.DATABASE_URL) {
    t = await openTestDb();
    await t.db.close();
    env = { ...env, DATABASE_URL: t.url, CASARE_ADMIN_KEY: 'cli-test-admin-key-0123456789' };
  }
  const started = await startCasare(['up', '--port', '0'], env, /Casare is up at (http:\/\/[\d.]+:\d+)/);
  up = started.child;
  server = started.match[1]!;
}, 120_000);

afterAll(async () => {
  if (up) expect(await stopProcess(up)).toBe(0);
  await t?.close();
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe('casare CLI against a running `casare up`', () => {
  it('serves readiness on its port', async () => {
    const res = await fetch(`${server}/health/ready`);
    expect(res.status).toBe(200);
  });

  it('embedded mode writes the admin key to <data dir>/admin-key with mode 0600', async () => {
    if (process.env.DATABASE_URL) {
      // With DATABASE_URL the key is configured, never generated.
      await expect(fs.stat(path.join(dataDir, 'admin-key'))).rejects.toThrow();
      return;
    }
    const st = await fs.stat(path.join(dataDir, 'admin-key'));
    expect(st.mode & 0o777).toBe(0o600);
  });

  it('submit --wait prints the final variables; jobs and robots list them', async () => {
    const res = await casare(
      ['submit', path.join(WORKFLOWS_DIR, 'stress_test_v1/task_2.json'), '--wait', '--server', server],
      env,
    );
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.code).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ name: 'Alice', age: 30 });

    const jobs = await casare(['jobs', '--server', server], env);
    expect(jobs.code).toBe(0);
    expect(jobs.stdout).toContain('completed');

    const robots = await casare(['robots', '--server', server, '--json'], env);
    expect(robots.code).toBe(0);
    expect(JSON.parse(robots.stdout)[0]).toMatchObject({ status: expect.stringMatching(/idle|busy/) });
  });

  it('submit passes --var values to the workflow', async () => {
    const res = await casare(
      [
        'submit',
        path.join(WORKFLOWS_DIR, 'stress_test_v1/task_3.json'),
        '--wait',
        '--json',
        '--var',
        'extra=[1,2]',
        '--server',
        server,
      ],
      env,
    );
    expect(res.code).toBe(0);
    const job = JSON.parse(res.stdout);
    expect(job.status).toBe('completed');
    expect(job.result.variables.extra).toEqual([1, 2]);
  });

  it('errors are one line on stderr with a non-zero exit, never a stack trace', async () => {
    const missing = await casare(['submit', '/nonexistent/wf.json', '--server', server], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('cannot read /nonexistent/wf.json');

    const bogusFile = path.join(dataDir, 'bogus.json');
    await fs.writeFile(
      bogusFile,
      JSON.stringify({ nodes: { a: { node_id: 'a', node_type: 'NopeNode', config: {} } }, connections: [] }),
    );
    const unknown = await casare(['submit', bogusFile, '--server', server], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('NopeNode');
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);

    const badKey = await casare(['jobs', '--server', server, '--api-key', 'wrong'], env);
    expect(badKey.code).toBe(1);
    expect(badKey.stderr).toContain('401');

    const unreachable = await casare(['jobs', '--server', 'http://127.0.0.1:1', '--api-key', 'x'], env);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('cannot reach the orchestrator');

    const badCommand = await casare(['frobnicate'], env);
    expect(badCommand.code).toBe(2);

    const badOption = await casare(['jobs', '--limit', 'lots', '--server', server], env);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain('--limit');
  });

  it('every command has --help', async () => {
    for (const cmd of ['up', 'server', 'robot', 'run', 'submit', 'jobs', 'robots', 'migrate']) {
      const res = await casare([cmd, '--help'], env);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain(`Usage: casare ${cmd}`);
    }
  });

  it('migrate reports an up-to-date database', async () => {
    if (!process.env.DATABASE_URL) return; // the embedded database is held open by `casare up`
    const res = await casare(['migrate'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('up to date');
  });

  it('a robot over http registers with a robot key and runs jobs', async () => {
    const keyRes = await fetch(`${server}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await adminKey()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'cli-robot', role: 'robot' }),
    });
    const { key } = (await keyRes.json()) as { key: string };
    const robot = await startCasare(
      [
        'robot',
        '--orchestrator',
        server,
        '--token',
        key,
        '--name',
        'cli-http-robot',
        '--capabilities',
        'cli-only',
      ],
      { ...env, CASARE_LOG_LEVEL: 'info' },
      /robot registered/,
    );
    try {
      const wf = path.join(dataDir, 'cap.json');
      await fs.writeFile(wf, await fs.readFile(path.join(WORKFLOWS_DIR, 'stress_test_v1/task_1.json')));
      const submitted = await fetch(`${server}/api/v1/jobs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await adminKey()}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          workflow: JSON.parse(await fs.readFile(wf, 'utf8')),
          capabilities: ['cli-only'],
        }),
      });
      const job = (await submitted.json()) as { id: string };
      type JobView = { status: string; robot_id: string; result: { variables: { total_sum: number } } };
      let final: JobView | null = null;
      for (let i = 0; i < 300 && !final; i++) {
        const j = (await (
          await fetch(`${server}/api/v1/jobs/${job.id}`, {
            headers: { authorization: `Bearer ${await adminKey()}` },
          })
        ).json()) as JobView;
        if (j && j.status === 'completed') final = j;
        else await new Promise((r) => setTimeout(r, 50));
      }
      expect(final?.result.variables.total_sum).toBe(15);
      const robots = (await (
        await fetch(`${server}/api/v1/robots`, { headers: { authorization: `Bearer ${await adminKey()}` } })
      ).json()) as {
        items: { id: string; name: string }[];
      };
      expect(robots.items.find((r) => r.name === 'cli-http-robot')?.id).toBe(final?.robot_id);
    } finally {
      expect(await stopProcess(robot.child)).toBe(0);
    }
  });
});

async function adminKey(): Promise<string> {
  return env.CASARE_ADMIN_KEY ?? (await fs.readFile(path.join(dataDir, 'admin-key'), 'utf8')).trim();
}
