import { EngineErrorCode } from '../../engine/errors.js';
import { roundHalfEven } from '../../engine/expressions/builtins.js';
import { nodeFailure } from '../failure.js';
import { defineNode } from '../types.js';

type Op = (a: number, b: number) => number;

/** Returns `b`, after refusing zero. */
function nonZero(b: number, what: string): number {
  if (b === 0) throw nodeFailure(`${what} by zero`, EngineErrorCode.DIVISION_BY_ZERO);
  return b;
}

/** Returns `a`, after checking it is in the function's domain. */
function domain(a: number, ok: boolean, message: string): number {
  if (!ok) throw nodeFailure(message, EngineErrorCode.MATH_ERROR);
  return a;
}

/** CasareRPA's operations; the single-operand ones use `a` only. */
const OPERATIONS: Record<string, Op> = {
  add: (a, b) => a + b,
  subtract: (a, b) => a - b,
  multiply: (a, b) => a * b,
  divide: (a, b) => a / nonZero(b, 'division'),
  floor_divide: (a, b) => Math.floor(a / nonZero(b, 'division')),
  modulo: (a, b) => ((a % nonZero(b, 'modulo')) + b) % b,
  power: (a, b) => a ** b,
  min: (a, b) => Math.min(a, b),
  max: (a, b) => Math.max(a, b),
  abs: (a) => Math.abs(a),
  sqrt: (a) => Math.sqrt(domain(a, a >= 0, `square root of a negative number (${a})`)),
  floor: (a) => Math.floor(a),
  ceil: (a) => Math.ceil(a),
  round: (a) => roundHalfEven(a),
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  log: (a, b) => {
    const x = domain(a, a > 0, `logarithm of ${a}`);
    if (b === 0) return Math.log(x);
    return Math.log(x) / Math.log(domain(b, b > 0 && b !== 1, `logarithm base ${b}`));
  },
  log10: (a) => Math.log10(domain(a, a > 0, `logarithm of ${a}`)),
  exp: (a) => Math.exp(a),
  negate: (a) => -a,
};

/** Arithmetic on `a` and `b` (numbers or numeric text), result in `result`. */
export const mathOperationNode = defineNode({
  type: 'MathOperationNode',
  family: 'math',
  description: 'Adds, subtracts, multiplies, divides… two numbers.',
  config: {
    a: { type: 'number', default: 0 },
    b: { type: 'number', default: 0 },
    operation: { type: 'choice', choices: Object.keys(OPERATIONS), default: 'add' },
    round_digits: { type: 'integer', description: 'Round the result to this many decimals.' },
  },
  inputs: [
    { name: 'a', type: 'number' },
    { name: 'b', type: 'number' },
  ],
  outputs: [{ name: 'result', type: 'number' }],
  rerunSafe: true,
  execute(ctx) {
    const {
      a,
      b,
      operation,
      round_digits: digits,
    } = ctx.config as { a: number; b: number; operation: string; round_digits?: number };
    let result = OPERATIONS[operation]!(a, b);
    if (digits !== undefined && digits !== null) result = roundHalfEven(result, digits);
    if (!Number.isFinite(result))
      throw nodeFailure(`${operation} of ${a} and ${b} is not a finite number`, EngineErrorCode.MATH_ERROR);
    return { outputs: { result: Object.is(result, -0) ? 0 : result } };
  },
});
