import { describe, expect, it } from 'vitest';
import { chain, run, workflow } from '../../../test/engine/builder.js';

describe('variable nodes', () => {
  it('SetVariable keeps types and converts by variable_type as CasareRPA does', async () => {
    const wf = workflow(
      {
        a: ['SetVariableNode', { variable_name: 'list', value: '{{src}}' }],
        b: ['SetVariableNode', { variable_name: 'n', default_value: '42', variable_type: 'Int32' }],
        c: ['SetVariableNode', { variable_name: 'flag', value: 'yes', variable_type: 'Boolean' }],
        d: ['SetVariableNode', { variable_name: 'obj', value: '{"k": [1]}', variable_type: 'Object' }],
        e: ['SetVariableNode', { variable_name: 'text', value: 30, variable_type: 'String' }],
        f: ['SetVariableNode', { variable_name: 'bad', value: 'x', variable_type: 'Int32' }],
      },
      chain('a', 'b', 'c', 'd', 'e', 'f'),
      { variables: { src: [1, 2] } },
    );
    const { outcome, entries } = await run(wf);
    expect(outcome.result.variables).toMatchObject({
      list: [1, 2],
      n: 42,
      flag: true,
      obj: { k: [1] },
      text: 30,
      bad: 'x',
    });
    expect(entries.some((e) => e.level === 'warning' && e.node_id === 'f')).toBe(true);
  });

  it('GetVariable falls back to default_value; IncrementVariable counts from 0', async () => {
    const wf = workflow(
      {
        get: ['GetVariableNode', { variable_name: 'missing', default_value: 'dflt' }],
        inc: ['IncrementVariableNode', { variable_name: 'count', increment: 2.5 }],
        inc2: ['IncrementVariableNode', { variable_name: 'count' }],
      },
      chain('get', 'inc', 'inc2'),
    );
    const { outcome } = await run(wf);
    expect(outcome.result.outputs.get).toEqual({ value: 'dflt' });
    expect(outcome.result.variables.count).toBe(3.5);
  });

  it('IncrementVariable refuses a non-numeric variable', async () => {
    const wf = workflow({ inc: ['IncrementVariableNode', { variable_name: 'v' }] }, [], {
      variables: { v: [1] },
    });
    const { outcome } = await run(wf);
    expect(outcome.status === 'failed' && outcome.error.message).toBe('variable "v" is a list, not a number');
  });
});

describe('dict and text nodes', () => {
  it('CreateDict pairs key_N with value_N in N order and keeps value types', async () => {
    const wf = workflow({
      d: [
        'CreateDictNode',
        { key_10: 'late', value_10: true, key_2: 'n', value_2: '{{n}}', key_1: '', value_1: 'skipped' },
      ],
    });
    const { outcome } = await run(wf, { variables: { n: 5 } });
    expect(outcome.result.outputs.d).toEqual({ dict: { n: 5, late: true } });
    expect(Object.keys(outcome.result.outputs.d?.dict as object)).toEqual(['n', 'late']);
  });

  it('FormatString takes a literal dict too (batch_1_3) and names a missing key', async () => {
    const ok = workflow({
      f: [
        'FormatStringNode',
        { template: 'Name: {name}, Age: {age}', variables: { name: 'Alice', age: '30' } },
      ],
    });
    expect((await run(ok)).outcome.result.outputs.f).toEqual({ result: 'Name: Alice, Age: 30' });
    const missing = workflow({ f: ['FormatStringNode', { template: 'Hi {who}', variables: {} }] });
    const { outcome } = await run(missing);
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      code: 'NODE_FAILED',
      fault: 'workflow',
      node_id: 'f',
    });
  });

  it('LogNode logs at its level and appends data', async () => {
    const wf = workflow({ l: ['LogNode', { message: 'count {{n}}', level: 'CRITICAL', data: { a: [1] } }] });
    const { entries } = await run(wf, { variables: { n: 2 } });
    expect(entries.find((e) => e.node_id === 'l')).toMatchObject({
      level: 'error',
      message: 'count 2 | Data: {"a": [1]}',
    });
  });
});
