import { describe, expect, it } from 'vitest';
import { validateWorkflow } from '../../src/engine/index.js';
import { run, sample } from './builder.js';

/** CasareRPA's own sample files, run unchanged. */
describe('CasareRPA samples', () => {
  it('task_1 sums a list in a For loop', async () => {
    const { outcome, logs } = await run(sample('stress_test_v1/task_1.json'));
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['The total sum is: 15']);
    expect(outcome.result.variables.total_sum).toBe(15);
    expect(outcome.result.outputs.loop_start).toMatchObject({ current_item: 5, current_index: 4 });
    // 2 setup + 5 × (loop start, add, update, loop end) + final loop start + log
    expect(outcome.result.executed_nodes).toBe(2 + 5 * 4 + 1 + 1);
    expect(outcome.result.trace).toHaveLength(outcome.result.executed_nodes);
    expect(outcome.result.trace[0]).toMatchObject({ node_id: 'init_sum', attempt: 1, status: 'completed' });
    expect(outcome.result.trace[0]!.started_at).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('task_2 formats a greeting from a dict', async () => {
    const { outcome, logs } = await run(sample('stress_test_v1/task_2.json'));
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['Hello, my name is Alice and I am 30 years old']);
    expect(outcome.result.outputs.create_data_dict).toEqual({ dict: { name: 'Alice', age: 30 } });
    expect(outcome.result.variables).toEqual({ name: 'Alice', age: 30 });
  });

  it('task_3 chains math operations and renders 40, not 40.0', async () => {
    const { outcome, logs } = await run(sample('stress_test_v1/task_3.json'));
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['The final result is: 40']);
    expect(outcome.result.outputs.divide_step).toEqual({ result: 25 });
    expect(outcome.result.outputs.subtract_step).toEqual({ result: 40 });
  });

  it('batch_1_5 runs If, For, While, Switch and Merge', async () => {
    const { outcome, logs } = await run(sample('node_tests/batch_1_5_control_flow.json'));
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual([
      'Value is greater than 50',
      'Item: A',
      'Item: B',
      'Item: C',
      'Counter: 1',
      'Counter: 2',
      'Counter: 3',
      'Selected: Option B',
      'All control flow tests passed!',
    ]);
    expect(outcome.result.variables.counter).toBe(3);
    const ran = new Set(outcome.result.trace.map((t) => t.node_id));
    expect(ran.has('log_false')).toBe(false);
    expect(ran.has('log_default')).toBe(false);
  });

  it('batch_7_2 is rejected only for the error-handling nodes of a later issue', () => {
    const issues = validateWorkflow(sample('node_tests/batch_7_2_error_handling.json'));
    expect(issues.map((i) => i.pointer)).toEqual([
      '/nodes/retry_node/node_type',
      '/nodes/assert_node/node_type',
      '/nodes/validate_node/node_type',
      '/nodes/on_error/node_type',
    ]);
    expect(issues.every((i) => i.code === 'UNKNOWN_NODE_TYPE')).toBe(true);
    expect(issues[0]!.message).toBe('node "retry_node" has an unknown node type "RetryNode"');
  });

  it("batch_7_2's try → set_var → catch → finally chain runs straight through without an error", async () => {
    const wf = sample('node_tests/batch_7_2_error_handling.json') as {
      nodes: Record<string, unknown>;
      connections: { source_node: string; target_node: string }[];
    };
    for (const id of ['retry_node', 'assert_node', 'validate_node', 'on_error']) delete wf.nodes[id];
    wf.connections = wf.connections.filter((c) => c.source_node in wf.nodes && c.target_node in wf.nodes);
    wf.connections.push({
      source_node: 'finally_node',
      source_port: 'exec_out',
      target_node: 'log_result',
      target_port: 'exec_in',
    } as never);
    const { outcome, logs } = await run(wf);
    expect(outcome.status).toBe('completed');
    expect(outcome.result.trace.map((t) => t.node_id)).toEqual([
      'try_node',
      'set_var',
      'catch_node',
      'finally_node',
      'log_result',
    ]);
    expect(outcome.result.variables.test).toBe('success');
    expect(outcome.result.outputs.finally_node).toEqual({ had_error: false });
    expect(logs).toEqual(['Error handling nodes tested!']);
  });
});
