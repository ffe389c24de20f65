import { describe, expect, it } from 'vitest';
import { requiredCapabilities, validateWorkflow, type WorkflowDefinition } from '../../src/engine/index.js';
import { defaultRegistry } from '../../src/nodes/catalogue.js';
import { defineNode } from '../../src/nodes/types.js';
import { run, sample, workflow } from './builder.js';

describe('validateWorkflow', () => {
  it('accepts the in-scope samples', () => {
    for (const file of [
      'stress_test_v1/task_1.json',
      'stress_test_v1/task_2.json',
      'stress_test_v1/task_3.json',
      'node_tests/batch_1_5_control_flow.json',
    ]) {
      expect(validateWorkflow(sample(file)), file).toEqual([]);
    }
  });

  it('reports one issue per node of an unknown type, naming the type', () => {
    const issues = validateWorkflow(sample('node_tests/batch_1_1_variables.json'));
    const unknown = issues.filter((i) => i.code === 'UNKNOWN_NODE_TYPE');
    expect(unknown.map((i) => i.pointer)).toEqual([
      '/nodes/dict_get/node_type',
      '/nodes/dict_set/node_type',
      '/nodes/dict_has_key/node_type',
      '/nodes/dict_keys/node_type',
      '/nodes/dict_values/node_type',
      '/nodes/dict_items/node_type',
      '/nodes/dict_merge/node_type',
      '/nodes/dict_remove/node_type',
      '/nodes/dict_to_json/node_type',
      '/nodes/create_list/node_type',
      '/nodes/json_parse/node_type',
    ]);
    expect(unknown[0]!.message).toContain('"DictGetNode"');
    expect(issues).toHaveLength(unknown.length);
  });

  it('reports the JSON shape with pointers', () => {
    expect(validateWorkflow(42)).toMatchObject([{ pointer: '', code: 'INVALID_WORKFLOW' }]);
    expect(validateWorkflow({ nodes: [] })).toMatchObject([{ pointer: '/nodes' }]);
    const issues = validateWorkflow({
      nodes: {
        a: { node_type: 'LogNode' },
        b: { config: {} },
        'x/y': { node_type: 'LogNode', config: 'no' },
      },
      connections: [
        { source_node: 'a', source_port: 'exec_out', target_node: 'ghost', target_port: 'exec_in' },
        { source_node: 'a', target_node: 'a' },
      ],
      settings: { timeout: -1, retry_count: 1.5 },
    });
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/nodes/b/node_type', 'INVALID_WORKFLOW'],
      ['/nodes/x~1y/config', 'INVALID_WORKFLOW'],
      ['/connections/0/target_node', 'UNKNOWN_NODE'],
      ['/connections/1/source_port', 'INVALID_WORKFLOW'],
      ['/settings/timeout', 'INVALID_WORKFLOW'],
      ['/settings/retry_count', 'INVALID_WORKFLOW'],
    ]);
  });

  it('finds loop ends paired with missing or wrong starts', () => {
    const issues = validateWorkflow(
      workflow({
        log: ['LogNode', { message: 'x' }],
        end: ['ForLoopEndNode', { paired_start_id: 'gone' }],
        end2: ['WhileLoopEndNode', { paired_start_id: 'log' }],
        brk: ['BreakNode', { paired_loop_start_id: 'nowhere' }],
      }),
    );
    expect(issues.map((i) => i.pointer)).toEqual([
      '/nodes/end/config/paired_start_id',
      '/nodes/end2/config/paired_start_id',
      '/nodes/brk/config/paired_loop_start_id',
    ]);
    expect(issues[0]!.message).toContain('missing loop start "gone"');
    expect(issues[1]!.message).toContain('is a LogNode, not a loop start');
  });

  it('checks constant config values and expressions before running', () => {
    const issues = validateWorkflow(
      workflow({
        math: ['MathOperationNode', { a: 'ten', operation: 'sqrtt' }],
        set: ['SetVariableNode', { value: 1 }],
        cond: ['IfNode', { condition: '{{x}} <' }],
        fine: ['MathOperationNode', { a: '{{later}}', b: '2' }],
      }),
    );
    expect(issues.map((i) => [i.pointer, i.code])).toEqual([
      ['/nodes/math/config/a', 'INVALID_CONFIG'],
      ['/nodes/math/config/operation', 'INVALID_CONFIG'],
      ['/nodes/set/config/variable_name', 'INVALID_CONFIG'],
      ['/nodes/cond/config/condition', 'EXPRESSION_ERROR'],
    ]);
    expect(issues[0]!.message).toBe('node "math": setting "a" must be a number, not "ten"');
  });

  it('does not ask for config that a data connection provides', () => {
    const wf = workflow({ src: ['MathOperationNode', { a: 1 }], set: ['SetVariableNode', {}] }, [
      'src -> set',
      'src.result -> set.variable_name',
    ]);
    expect(validateWorkflow(wf)).toEqual([]);
  });

  it('treats __proto__, constructor and toString as ordinary ids', async () => {
    const text =
      '{"nodes": {"__proto__": {"node_type": "LogNode", "config": {"message": "hi"}},' +
      ' "constructor": {"node_type": "ForLoopEndNode", "config": {"paired_start_id": "toString"}}},' +
      ' "connections": [{"source_node": "__proto__", "source_port": "exec_out", "target_node": "constructor", "target_port": "exec_in"}]}';
    expect(validateWorkflow(text)).toMatchObject([
      { pointer: '/nodes/constructor/config/paired_start_id', code: 'INVALID_WORKFLOW' },
    ]);
    const ok = text.replace('"toString"', '""');
    expect(validateWorkflow(ok)).toEqual([]);
    const { outcome, logs } = await run(JSON.parse(ok));
    expect(outcome.status).toBe('completed');
    expect(logs).toEqual(['hi']);
    expect(Object.keys(outcome.result.outputs)).toEqual(['__proto__']);
  });

  it('needs somewhere to start', () => {
    const wf = workflow({ a: ['LogNode'], b: ['LogNode'] }, ['a -> b', 'b -> a']);
    expect(validateWorkflow(wf)).toMatchObject([{ pointer: '/nodes', code: 'INVALID_WORKFLOW' }]);
  });
});

describe('requiredCapabilities', () => {
  it('unions the declared capabilities of the node types, sorted', () => {
    const registry = defaultRegistry.extend([
      defineNode({
        type: 'ClickNode',
        family: 'test',
        description: '',
        config: {},
        capabilities: ['desktop'],
        rerunSafe: false,
        execute: () => undefined,
      }),
      defineNode({
        type: 'OpenNode',
        family: 'test',
        description: '',
        config: {},
        capabilities: ['browser:chromium', 'desktop'],
        rerunSafe: false,
        execute: () => undefined,
      }),
    ]);
    const wf = workflow({
      a: ['OpenNode'],
      b: ['ClickNode'],
      c: ['LogNode'],
      d: ['Unknown'],
    }) as unknown as WorkflowDefinition;
    expect(requiredCapabilities(wf, registry)).toEqual(['browser:chromium', 'desktop']);
    expect(
      requiredCapabilities(sample('stress_test_v1/task_1.json') as unknown as WorkflowDefinition),
    ).toEqual([]);
  });

  it('refuses to register a node type twice', () => {
    expect(() => defaultRegistry.extend([{ ...defaultRegistry.get('LogNode')!, family: 'copy' }])).toThrow(
      /registered twice/,
    );
  });
});
