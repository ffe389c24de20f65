import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkflow } from '../helpers/fixtures.js';
import { type RunningOrchestrator, startTestOrchestrator } from '../helpers/orchestrator.js';
import { waitFor } from '../helpers/wait.js';

/**
 * The spine end to end: a real orchestrator with an in-process robot runs CasareRPA's own
 * sample workflows submitted over HTTP, with the values their logs imply.
 */
let o: RunningOrchestrator;
beforeAll(async () => {
  o = await startTestOrchestrator();
});
afterAll(async () => {
  await o?.close();
});

async function runToEnd(workflow: unknown): Promise<{ job: any; logs: string[]; ms: number }> {
  const t0 = Date.now();
  const submitted = await o.api('POST', '/api/v1/jobs', { workflow });
  expect(submitted.status).toBe(201);
  const job = await waitFor(
    async () => {
      const j = (await o.api('GET', `/api/v1/jobs/${submitted.json.id}`)).json;
      return ['completed', 'failed', 'cancelled'].includes(j.status) ? j : null;
    },
    'the job to finish',
    15_000,
    5,
  );
  const ms = Date.now() - t0;
  const logs = (await o.api('GET', `/api/v1/jobs/${job.id}/logs`)).json.items.map(
    (l: { message: string }) => l.message,
  );
  return { job, logs, ms };
}

describe('CasareRPA sample workflows through the orchestrator', () => {
  it('task_1: sum of a list is 15', async () => {
    const { job, logs } = await runToEnd(loadWorkflow('stress_test_v1/task_1.json'));
    expect(job.status).toBe('completed');
    expect(job.result.variables.total_sum).toBe(15);
    expect(logs).toContain('The total sum is: 15');
    expect(job.result.executed_nodes).toBeGreaterThan(5);
    expect(job.result.trace.length).toBe(job.result.executed_nodes);
  });

  it('task_2: greets Alice aged 30', async () => {
    const { job, logs } = await runToEnd(loadWorkflow('stress_test_v1/task_2.json'));
    expect(job.status).toBe('completed');
    expect(job.result.variables).toMatchObject({ name: 'Alice', age: 30 });
    expect(logs).toContain('Hello, my name is Alice and I am 30 years old');
  });

  it('task_3: the final result is 40', async () => {
    const { job, logs } = await runToEnd(loadWorkflow('stress_test_v1/task_3.json'));
    expect(job.status).toBe('completed');
    expect(job.result.outputs.subtract_step.result).toBe(40);
    expect(logs).toContain('The final result is: 40');
  });

  it('batch_1_5: control flow selects option B and counts to 3', async () => {
    const { job, logs } = await runToEnd(loadWorkflow('node_tests/batch_1_5_control_flow.json'));
    expect(job.status).toBe('completed');
    expect(job.result.variables.counter).toBe(3);
    expect(logs).toEqual(
      expect.arrayContaining([
        'Value is greater than 50',
        'Item: A',
        'Item: B',
        'Item: C',
        'Counter: 3',
        'Selected: Option B',
        'All control flow tests passed!',
      ]),
    );
    expect(logs).not.toContain('Selected: Default');
  });

  it('completes a submitted workflow within 2 s of submission on an idle orchestrator', async () => {
    // Warm: the robot is idle and listening; this is the quickstart's promise.
    const { job, ms } = await runToEnd(loadWorkflow('stress_test_v1/task_3.json'));
    expect(job.status).toBe('completed');
    expect(ms).toBeLessThan(2_000);
  });

  it('a failing workflow reports the contract error shape and dead-letters without retrying an author error', async () => {
    const wf = {
      metadata: { name: 'divide by zero' },
      nodes: {
        div: { node_id: 'div', node_type: 'MathOperationNode', config: { a: 1, b: 0, operation: 'divide' } },
      },
      connections: [],
      variables: {},
      settings: {},
    };
    const { job } = await runToEnd(wf);
    expect(job.status).toBe('failed');
    expect(job.dead_letter).toBe(true);
    expect(job.attempts).toBe(1);
    expect(job.error).toMatchObject({ node_id: 'div', fault: 'workflow', retryable: false });
    expect(typeof job.error.code).toBe('string');
    expect(job.error.message.length).toBeGreaterThan(0);
  });
});
