import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunOptions, RunOutcome } from '../../src/engine/index.js';
import type { JobResult } from '../../src/jobs/shapes.js';
import { RobotAgent } from '../../src/robot/agent.js';
import type { Executor } from '../../src/robot/job-runner.js';
import type { JobSource } from '../../src/robot/job-source.js';
import { DirectJobSource } from '../../src/robot/sources/direct.js';
import { HttpJobSource } from '../../src/robot/sources/http.js';
import { openTestApp, type TestApp } from '../helpers/app.js';
import { tinyWorkflow } from '../helpers/fixtures.js';
import { testLog } from '../helpers/logger.js';
import { waitFor } from '../helpers/wait.js';

const HEARTBEAT_S = 0.25;

const emptyResult = (): JobResult => ({
  variables: {},
  outputs: {},
  executed_nodes: 0,
  duration_ms: 0,
  trace: [],
});

/** An executor that runs until it is aborted, recording when the abort arrived. */
function blockingExecutor(events: { started: number[]; aborted: number[] }) {
  return (_def: unknown, opts: RunOptions): Promise<RunOutcome> =>
    new Promise((resolve) => {
      events.started.push(Date.now());
      opts.onLog?.({
        ts: new Date().toISOString(),
        level: 'info',
        node_id: 'wait',
        message: 'waiting for cancel',
      });
      opts.signal?.addEventListener('abort', () => {
        events.aborted.push(Date.now());
        resolve({
          status: 'cancelled',
          result: emptyResult(),
          error: {
            code: 'CANCELLED',
            message: 'cancelled',
            node_id: 'wait',
            fault: 'workflow',
            retryable: false,
          },
        });
      });
    });
}

let h: TestApp;
let baseUrl: string;
let robotKey: string;

beforeAll(async () => {
  h = await openTestApp({ heartbeatSeconds: HEARTBEAT_S, leaseSeconds: 5 });
  await h.app.listen({ port: 0, host: '127.0.0.1' });
  baseUrl = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
  robotKey = (await h.call('POST', '/api/v1/api-keys', { name: 'agent-test', role: 'robot' })).json.key;
});
afterAll(async () => {
  await h?.close();
});

const transports: [string, () => JobSource][] = [
  ['http', () => new HttpJobSource({ baseUrl, token: robotKey })],
  [
    'direct',
    () =>
      new DirectJobSource({
        db: h.t.db,
        tenantId: '00000000-0000-0000-0000-000000000001',
        heartbeatSeconds: HEARTBEAT_S,
        leaseSeconds: 5,
        shared: h.services,
      }),
  ],
];

describe.each(transports)('robot agent over the %s transport', (transport, makeSource) => {
  const cap = `agent-${transport}`;

  function agent(execute?: Executor, concurrency = 2) {
    return new RobotAgent({
      source: makeSource(),
      info: {
        name: `robot-${transport}-${Math.random().toString(36).slice(2, 7)}`,
        platform: 'linux',
        capabilities: [cap],
        tags: [],
        maxConcurrency: concurrency,
        environment: 'default',
        region: null,
        version: 'test',
      },
      log: testLog,
      execute,
      graceMs: 200,
      idleWaitMs: 2_000,
    });
  }

  it('registers, runs a real workflow and reports its result and logs', async () => {
    const a = agent();
    const id = await a.start();
    try {
      const robots = (await h.call('GET', '/api/v1/robots')).json.items;
      expect(robots.find((r: { id: string }) => r.id === id.robotId)).toMatchObject({
        status: 'idle',
        capabilities: [cap],
        max_concurrency: 2,
      });
      const job = (
        await h.call('POST', '/api/v1/jobs', {
          workflow: tinyWorkflow(41),
          capabilities: [cap],
          variables: { extra: 'yes' },
        })
      ).json;
      const done = await waitFor(async () => {
        const j = (await h.call('GET', `/api/v1/jobs/${job.id}`)).json;
        return j.status === 'completed' ? j : null;
      }, 'the job to complete');
      expect(done.robot_id).toBe(id.robotId);
      expect(done.result.variables).toMatchObject({ x: 41, extra: 'yes' });
      expect(done.attempts).toBe(1);
    } finally {
      await a.stop();
    }
    const robots = (await h.call('GET', '/api/v1/robots')).json.items;
    expect(robots.find((r: { id: string }) => r.id === id.robotId).status).toBe('offline');
  });

  it('a cancel reaches the running job within one heartbeat', async () => {
    const events = { started: [] as number[], aborted: [] as number[] };
    const a = agent(blockingExecutor(events));
    await a.start();
    try {
      const job = (await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), capabilities: [cap] }))
        .json;
      await waitFor(() => events.started.length === 1, 'the job to start');
      const asked = Date.now();
      expect((await h.call('POST', `/api/v1/jobs/${job.id}/cancel`)).json).toMatchObject({
        status: 'running',
        cancel_requested: true,
      });
      const final = await waitFor(async () => {
        const j = (await h.call('GET', `/api/v1/jobs/${job.id}`)).json;
        return j.status === 'cancelled' ? j : null;
      }, 'the job to be cancelled');
      // One heartbeat period plus the round trips (generous for a loaded 2-core machine).
      expect(events.aborted[0]! - asked).toBeLessThan(HEARTBEAT_S * 1000 + 1_000);
      expect(final.dead_letter).toBe(false);
      const logs = (await h.call('GET', `/api/v1/jobs/${job.id}/logs`)).json.items;
      expect(logs.map((l: { message: string }) => l.message)).toContain('waiting for cancel');
    } finally {
      await a.stop();
    }
  });

  it('on stop, a job that outlives the grace period is released without counting the attempt', async () => {
    const events = { started: [] as number[], aborted: [] as number[] };
    const a = agent(blockingExecutor(events));
    await a.start();
    const job = (await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), capabilities: [cap] }))
      .json;
    await waitFor(() => events.started.length === 1, 'the job to start');
    await a.stop(100);
    expect(events.aborted).toHaveLength(1);
    const j = (await h.call('GET', `/api/v1/jobs/${job.id}`)).json;
    expect(j).toMatchObject({ status: 'pending', attempts: 0, robot_id: null });
    await h.call('POST', `/api/v1/jobs/${job.id}/cancel`);
  });

  it('claims up to its free concurrency', async () => {
    const events = { started: [] as number[], aborted: [] as number[] };
    const a = agent(blockingExecutor(events), 3);
    await a.start();
    try {
      const ids: string[] = [];
      for (let i = 0; i < 5; i++)
        ids.push(
          (await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), capabilities: [cap] })).json.id,
        );
      await waitFor(() => events.started.length === 3, 'three jobs to start');
      const running = (await h.call('GET', '/api/v1/jobs?status=running&limit=100')).json.items.filter(
        (j: { id: string }) => ids.includes(j.id),
      );
      expect(running).toHaveLength(3);
      expect(a.runningJobs).toHaveLength(3);
      for (const id of ids) await h.call('POST', `/api/v1/jobs/${id}/cancel`);
      await waitFor(async () => a.runningJobs.length === 0, 'the cancels to land');
    } finally {
      await a.stop();
    }
  });
});
