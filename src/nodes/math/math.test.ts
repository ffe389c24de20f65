import { describe, expect, it } from 'vitest';
import { run, workflow } from '../../../test/engine/builder.js';

async function math(config: Record<string, unknown>) {
  const { outcome } = await run(workflow({ m: ['MathOperationNode', config] }));
  return outcome;
}

async function compare(a: unknown, b: unknown, operator: string) {
  const { outcome } = await run(workflow({ c: ['ComparisonNode', { a, b, operator }] }));
  return outcome.status === 'completed' ? outcome.result.outputs.c?.result : outcome.error;
}

describe('MathOperationNode', () => {
  it.each([
    [{ a: 50, b: 2, operation: 'divide' }, 25],
    [{ a: 7, b: 2, operation: 'floor_divide' }, 3],
    [{ a: -7, b: 3, operation: 'modulo' }, 2],
    [{ a: 2, b: 10, operation: 'power' }, 1024],
    [{ a: '10', b: '2.5', operation: 'Multiply' }, 25],
    [{ a: 2.5, operation: 'round' }, 2],
    [{ a: 2, b: 3, operation: 'min' }, 2],
    [{ a: -4, operation: 'abs' }, 4],
    [{ a: 9, operation: 'sqrt' }, 3],
    [{ a: 100, operation: 'log10' }, 2],
    [{ a: 8, b: 2, operation: 'log' }, 3],
    [{ a: 1, b: 3, operation: 'divide', round_digits: 2 }, 0.33],
    [{ a: 5, operation: 'negate' }, -5],
  ])('%o → %s', async (config, want) => {
    const outcome = await math(config);
    expect(outcome.status).toBe('completed');
    expect(outcome.result.outputs.m).toEqual({ result: want });
  });

  it("refuses division by zero and out-of-domain input as the author's error", async () => {
    for (const [config, code] of [
      [{ a: 1, b: 0, operation: 'divide' }, 'DIVISION_BY_ZERO'],
      [{ a: 1, b: 0, operation: 'modulo' }, 'DIVISION_BY_ZERO'],
      [{ a: -1, operation: 'sqrt' }, 'MATH_ERROR'],
      [{ a: 10, b: 400, operation: 'power' }, 'MATH_ERROR'],
    ] as const) {
      const outcome = await math(config);
      expect(outcome.status === 'failed' && outcome.error).toMatchObject({
        code,
        node_id: 'm',
        fault: 'workflow',
        retryable: false,
      });
    }
  });

  it('reports a value that is not a number when it is resolved', async () => {
    const { outcome } = await run(
      workflow({ m: ['MathOperationNode', { a: '{{t}}', b: 1 }] }, [], { variables: { t: 'ten' } }),
    );
    expect(outcome.status === 'failed' && outcome.error).toMatchObject({
      code: 'INVALID_CONFIG',
      message: 'setting "a" must be a number, not "ten"',
      node_id: 'm',
    });
  });
});

describe('ComparisonNode', () => {
  it("accepts symbols and CasareRPA's descriptive operators", async () => {
    expect(await compare(75, 50, '>')).toBe(true);
    expect(await compare(75, 50, 'less or equal (<=)')).toBe(false);
    expect(await compare('a', 'a', 'equals (==)')).toBe(true);
    expect(await compare([1, 2], [1, 2], '==')).toBe(true);
    expect(await compare('75', 100, 'lt')).toBe(true);
    expect(await compare('abc', 1, '>')).toMatchObject({ code: 'EXPRESSION_ERROR', node_id: 'c' });
  });
});
