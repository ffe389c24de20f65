import { compareValues, equals } from '../../engine/expressions/semantics.js';
import { defineNode } from '../types.js';

const SYMBOLS: Record<string, string> = {
  '==': '==',
  'equals (==)': '==',
  eq: '==',
  equals: '==',
  '!=': '!=',
  'not equals (!=)': '!=',
  ne: '!=',
  not_equals: '!=',
  '>': '>',
  'greater than (>)': '>',
  gt: '>',
  greater_than: '>',
  '<': '<',
  'less than (<)': '<',
  lt: '<',
  less_than: '<',
  '>=': '>=',
  'greater or equal (>=)': '>=',
  ge: '>=',
  gte: '>=',
  greater_or_equal: '>=',
  '<=': '<=',
  'less or equal (<=)': '<=',
  le: '<=',
  lte: '<=',
  less_or_equal: '<=',
};

/**
 * Compares `a` and `b` with the evaluator's semantics (deep equality; a number and the text
 * spelling it are equal and ordered numerically; other mixed types cannot be ordered).
 */
export const comparisonNode = defineNode({
  type: 'ComparisonNode',
  family: 'math',
  description: 'Compares two values; `result` is true or false.',
  config: {
    a: { type: 'any' },
    b: { type: 'any' },
    operator: { type: 'choice', choices: Object.keys(SYMBOLS), default: '==' },
  },
  inputs: [
    { name: 'a', type: 'any' },
    { name: 'b', type: 'any' },
  ],
  outputs: [{ name: 'result', type: 'boolean' }],
  rerunSafe: true,
  execute(ctx) {
    const { a = null, b = null } = ctx.config;
    const op = SYMBOLS[ctx.config.operator as string];
    let result: boolean;
    if (op === '==') result = equals(a, b);
    else if (op === '!=') result = !equals(a, b);
    else {
      const order = compareValues(a, b);
      result = op === '>' ? order > 0 : op === '<' ? order < 0 : op === '>=' ? order >= 0 : order <= 0;
    }
    return { outputs: { result } };
  },
});
