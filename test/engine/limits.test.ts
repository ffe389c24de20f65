import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { systemError } from '../../src/engine/errors.js';
import { CasareError } from '../../src/errors.js';
import { defaultRegistry } from '../../src/nodes/catalogue.js';
import { defineNode, type NodeContext } from '../../src/nodes/types.js';
import { run, workflow } from './builder.js';

/** Test-only node types, added through the registry like any later family. */
const seen: { aborted: boolean } = { aborted: false };
const registry = defaultRegistry.extend([
  defineNode({
    type: 'SleepNode',
    family: 'test',
    description: 'Sleeps, honouring the abort signal.',
    config: { ms: { type: 'integer', default: 10_000 } },
    rerunSafe: true,
    async execute(ctx) {
      ctx.signal.addEventListener('abort', () => {
        seen.aborted = true;
      });
      await sleep(ctx.config.ms as number, undefined, { signal: ctx.signal });
      return { outputs: { slept: true } };
    },
  }),
  defineNode({
    type: 'HangNode',
    family: 'test',
    description: 'Never settles and ignores its signal.',
    config: { limit_ms: { type: 'integer', default: 50 } },
    rerunSafe: true,
    timeoutMs: (config) => config.limit_ms as number,
    execute: () => new Promise(() => {}),
  }),
  defineNode({
    type: 'ScriptNode',
    family: 'test',
    description: 'Keeps its source as written.',
    config: { source: { type: 'string', raw: true }, note: { type: 'string' } },
    rerunSafe: true,
    execute: (ctx) => ({ outputs: { source: ctx.config.source, note: ctx.config.note } }),
  }),
  defineNode({
    type: 'FlakyNode',
    family: 'test',
    description: 'Fails until the given attempt.',
    config: {
      succeed_on: { type: 'integer', default: 3 },
      workflow_fault: { type: 'boolean', default: false },
    },
    rerunSafe: true,
    async execute(ctx) {
      if (ctx.attempt < (ctx.config.succeed_on as number)) {
        if (ctx.config.workflow_fault) throw new CasareError('BAD_INPUT', 'bad input', { fault: 'workflow' });
        throw systemError('UPSTREAM_DOWN', `attempt ${ctx.attempt} failed`, true);
      }
      return { outputs: { attempt: ctx.attempt } };
    },
  }),
  defineNode({
    type: 'ProbeNode',
    family: 'test',
    description: 'Shows what a node sees.',
    config: { url: { type: 'string', default: '' } },
    capabilities: ['browser:chromium'],
    rerunSafe: true,
    execute: (ctx: NodeContext) => ({
      outputs: { url: ctx.mapUrl(ctx.config.url as string), workspace: ctx.workspaceDir, job: ctx.jobId },
    }),
  }),
]);

/** while (true) { i += 1 } — only synchronous nodes, so only the engine's own checks can stop it. */
const endless = workflow(
  {
    loop: ['WhileLoopStartNode', { condition: 'True', max_iterations: 1_000_000_000 }],
    inc: ['IncrementVariableNode', { variable_name: 'i' }],
    end: ['WhileLoopEndNode', { paired_start_id: 'loop' }],
  },
  ['loop.body -> inc', 'inc -> end'],
);

describe('timeouts', () => {
  it('fails a node that outlives its declared timeout, even if it ignores its signal', async () => {
    const t0 = performance.now();
    const { outcome } = await run(workflow({ hang: ['HangNode', { limit_ms: 60 }] }), { registry });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(outcome.status === 'failed' && outcome.error).toEqual({
      code: 'NODE_TIMEOUT',
      message: 'node "hang" (HangNode) timed out after 60 ms',
      node_id: 'hang',
      fault: 'system',
      retryable: true,
    });
  });

  it('applies the default node timeout and aborts the node through its signal', async () => {
    seen.aborted = false;
    const { outcome } = await run(workflow({ nap: ['SleepNode'] }), { registry, nodeTimeoutMs: 40 });
    expect(outcome.status === 'failed' && outcome.error.code).toBe('NODE_TIMEOUT');
    expect(seen.aborted).toBe(true);
    expect(outcome.result.trace).toMatchObject([{ node_id: 'nap', status: 'failed' }]);
  });

  it('stops a job at its timeout while it runs synchronous nodes', async () => {
    const t0 = performance.now();
    const { outcome } = await run(endless, { timeoutMs: 100 });
    const elapsed = performance.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(90);
    expect(elapsed).toBeLessThan(3_000);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      code: 'JOB_TIMEOUT',
      fault: 'system',
      retryable: true,
    });
    expect(outcome.result.variables.i).toBeGreaterThan(0);
  });

  it('takes the job timeout from settings.timeout and cuts a waiting node short', async () => {
    const wf = workflow({ nap: ['SleepNode'] }, [], { settings: { timeout: 0.1 } });
    const t0 = performance.now();
    const { outcome } = await run(wf, { registry });
    expect(performance.now() - t0).toBeLessThan(3_000);
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      code: 'JOB_TIMEOUT',
      node_id: 'nap',
    });
    expect(outcome.result.trace).toMatchObject([{ node_id: 'nap', status: 'cancelled' }]);
  });
});

describe('cancellation', () => {
  it('stops a while(true) loop promptly', async () => {
    const controller = new AbortController();
    const t0 = performance.now();
    setTimeout(() => controller.abort(), 50);
    const { outcome } = await run(endless, { signal: controller.signal });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(outcome.status).toBe('cancelled');
    expect(outcome.status === 'cancelled' && outcome.error).toMatchObject({
      code: 'CANCELLED',
      retryable: false,
    });
    expect(outcome.result.executed_nodes).toBeGreaterThan(3);
  });

  it('aborts the running node and uses a CasareError reason as the job error', async () => {
    seen.aborted = false;
    const controller = new AbortController();
    setTimeout(() => controller.abort(systemError('ROBOT_SHUTDOWN', 'robot is shutting down', true)), 30);
    const t0 = performance.now();
    const { outcome } = await run(workflow({ nap: ['SleepNode'] }), { registry, signal: controller.signal });
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(seen.aborted).toBe(true);
    expect(outcome.status === 'cancelled' && outcome.error).toMatchObject({
      code: 'ROBOT_SHUTDOWN',
      node_id: 'nap',
      retryable: true,
    });
  });
});

describe('retries', () => {
  it('retries a rerun-safe node after a retryable failure, up to settings.retry_count', async () => {
    const wf = workflow({ flaky: ['FlakyNode', { succeed_on: 3 }] }, [], { settings: { retry_count: 2 } });
    const { outcome, entries } = await run(wf, { registry });
    expect(outcome.status).toBe('completed');
    expect(outcome.result.trace.map((t) => [t.attempt, t.status])).toEqual([
      [1, 'failed'],
      [2, 'failed'],
      [3, 'completed'],
    ]);
    expect(entries.filter((e) => e.level === 'warning')).toHaveLength(2);
  });

  it('does not retry author errors, or beyond the budget', async () => {
    const authored = workflow({ flaky: ['FlakyNode', { workflow_fault: true }] }, [], {
      settings: { retry_count: 5 },
    });
    expect((await run(authored, { registry })).outcome.result.executed_nodes).toBe(1);
    const short = workflow({ flaky: ['FlakyNode', { succeed_on: 9 }] }, [], { settings: { retry_count: 1 } });
    const { outcome } = await run(short, { registry });
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      code: 'UPSTREAM_DOWN',
      node_id: 'flaky',
    });
    expect(outcome.result.executed_nodes).toBe(2);
  });
});

describe('run context', () => {
  it('gives nodes the URL map (longest prefix wins), workspace and job id', async () => {
    const wf = workflow({ probe: ['ProbeNode', { url: 'https://example.com/api/items?x=1' }] });
    const { outcome } = await run(wf, {
      registry,
      urlMap: {
        'https://example.com': 'http://127.0.0.1:9000',
        'https://example.com/api': 'http://127.0.0.1:9001/v1',
      },
      workspaceDir: '/tmp/ws',
      jobId: 'job-1',
    });
    expect(outcome.result.outputs.probe).toEqual({
      url: 'http://127.0.0.1:9001/v1/items?x=1',
      workspace: '/tmp/ws',
      job: 'job-1',
    });
  });

  it('leaves raw config fields untemplated', async () => {
    const wf = workflow({ js: ['ScriptNode', { source: 'return `{{x}}`', note: 'x={{x}}' }] }, [], {
      variables: { x: 1 },
    });
    const { outcome } = await run(wf, { registry });
    expect(outcome.result.outputs.js).toEqual({ source: 'return `{{x}}`', note: 'x=1' });
  });

  it('keeps the trace bounded while counting every execution', async () => {
    const wf = workflow(
      {
        loop: ['ForLoopStartNode', { mode: 'range', end: 20 }],
        end: ['ForLoopEndNode', { paired_start_id: 'loop' }],
      },
      ['loop.body -> end'],
    );
    const { outcome } = await run(wf, { maxTraceEntries: 5 });
    expect(outcome.result.trace).toHaveLength(5);
    expect(outcome.result.executed_nodes).toBe(41);
  });
});
