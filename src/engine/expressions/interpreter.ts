import { evaluateTemplate, type RefResolver } from '../templates/compile.js';
import { renderValue } from '../templates/render.js';
import type { ArithOp, CompareOp, Expr } from './ast.js';
import { callFunction, callMethod, length, MAX_RESULT_LENGTH, toInt } from './builtins.js';
import { ExpressionError } from './errors.js';
import {
  asNumber,
  compareValues,
  contains,
  equals,
  isPlainObject,
  keyOf,
  type PlainObject,
  setOwn,
  truthy,
  typeName,
} from './semantics.js';

export interface ExpressionScope extends RefResolver {
  /** Bare identifiers; `found: false` makes the evaluator report an unknown name. */
  lookupName(name: string): { found: boolean; value?: unknown };
}

/** Tree-walking evaluation over plain values; recursion depth is bounded by the parser. */
export function evaluate(expr: Expr, scope: ExpressionScope): unknown {
  switch (expr.k) {
    case 'lit':
      return expr.value;
    case 'interp':
      return evaluateTemplate(expr.template, scope);
    case 'ref':
      return scope.resolveRef(expr.ref) ?? null;
    case 'name': {
      const hit = scope.lookupName(expr.name);
      if (!hit.found) {
        throw new ExpressionError(
          `unknown name "${expr.name}" (quote text: '${expr.name}', or use {{${expr.name}}})`,
        );
      }
      return hit.value ?? null;
    }
    case 'not':
      return !truthy(evaluate(expr.arg, scope));
    case 'neg':
    case 'pos': {
      const value = evaluate(expr.arg, scope);
      const n = asNumber(value);
      if (n === null)
        throw new ExpressionError(
          `bad operand for unary ${expr.k === 'neg' ? '-' : '+'}: ${typeName(value)}`,
        );
      return expr.k === 'neg' ? -n : n;
    }
    case 'and': {
      const left = evaluate(expr.left, scope);
      return truthy(left) ? evaluate(expr.right, scope) : left;
    }
    case 'or': {
      const left = evaluate(expr.left, scope);
      return truthy(left) ? left : evaluate(expr.right, scope);
    }
    case 'arith':
      return arithmetic(expr.op, evaluate(expr.left, scope), evaluate(expr.right, scope));
    case 'compare': {
      let left = evaluate(expr.first, scope);
      for (let i = 0; i < expr.ops.length; i++) {
        const right = evaluate(expr.rest[i]!, scope);
        if (!compare(expr.ops[i]!, left, right)) return false;
        left = right;
      }
      return true;
    }
    case 'cond':
      return truthy(evaluate(expr.test, scope))
        ? evaluate(expr.ifTrue, scope)
        : evaluate(expr.ifFalse, scope);
    case 'list':
      return expr.items.map((item) => evaluate(item, scope));
    case 'dict': {
      const out: PlainObject = {};
      for (const [k, v] of expr.entries) setOwn(out, keyOf(evaluate(k, scope)), evaluate(v, scope));
      return out;
    }
    case 'member':
      return member(evaluate(expr.object, scope), expr.name);
    case 'index':
      return index(evaluate(expr.object, scope), evaluate(expr.index, scope));
    case 'slice': {
      const bound = (e: Expr | null) => (e === null ? null : evaluate(e, scope));
      return slice(evaluate(expr.object, scope), bound(expr.start), bound(expr.stop), bound(expr.step));
    }
    case 'call':
      return callFunction(
        expr.name,
        expr.args.map((a) => evaluate(a, scope)),
      );
    case 'method':
      return callMethod(
        evaluate(expr.object, scope),
        expr.name,
        expr.args.map((a) => evaluate(a, scope)),
      );
  }
}

function compare(op: CompareOp, a: unknown, b: unknown): boolean {
  switch (op) {
    case '==':
      return equals(a, b);
    case '!=':
      return !equals(a, b);
    case '<':
      return compareValues(a, b) < 0;
    case '<=':
      return compareValues(a, b) <= 0;
    case '>':
      return compareValues(a, b) > 0;
    case '>=':
      return compareValues(a, b) >= 0;
    case 'in':
      return contains(b, a);
    case 'not in':
      return !contains(b, a);
    case 'is':
      return identical(a, b);
    case 'is not':
      return !identical(a, b);
  }
}

function identical(a: unknown, b: unknown): boolean {
  if ((a === null || a === undefined) && (b === null || b === undefined)) return true;
  return a === b;
}

function arithmetic(op: ArithOp, a: unknown, b: unknown): unknown {
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null) return numeric(op, na, nb);
  if (op === '+') {
    if (Array.isArray(a) && Array.isArray(b)) return limitList([...a, ...b]);
    // Text joins as in JS ("Total: " + 5), which Python authors also expect from a template engine.
    if (typeof a === 'string' || typeof b === 'string') return limitString(renderValue(a) + renderValue(b));
  }
  if (op === '*') {
    if (typeof a === 'string' && nb !== null) return limitString(a.repeat(repeatCount(nb, a.length)));
    if (typeof b === 'string' && na !== null) return limitString(b.repeat(repeatCount(na, b.length)));
    if (Array.isArray(a) && nb !== null) return repeatList(a, nb);
    if (Array.isArray(b) && na !== null) return repeatList(b, na);
  }
  throw new ExpressionError(`unsupported operand types for ${op}: ${typeName(a)} and ${typeName(b)}`);
}

function numeric(op: ArithOp, a: number, b: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0) throw new ExpressionError('division by zero');
      return a / b;
    case '//':
      if (b === 0) throw new ExpressionError('division by zero');
      return Math.floor(a / b);
    case '%':
      if (b === 0) throw new ExpressionError('modulo by zero');
      return ((a % b) + b) % b;
    case '**': {
      if (a === 0 && b < 0) throw new ExpressionError('0 cannot be raised to a negative power');
      const r = a ** b;
      if (!Number.isFinite(r) && Number.isFinite(a) && Number.isFinite(b))
        throw new ExpressionError('numeric overflow');
      return r;
    }
  }
}

function repeatCount(n: number, size: number): number {
  const count = Math.max(0, Math.trunc(n));
  if (count * size > MAX_RESULT_LENGTH)
    throw new ExpressionError(`result is too long (limit ${MAX_RESULT_LENGTH})`);
  return count;
}

function repeatList(list: unknown[], n: number): unknown[] {
  const count = repeatCount(n, list.length);
  const out: unknown[] = [];
  for (let i = 0; i < count; i++) out.push(...list);
  return out;
}

function limitString(s: string): string {
  if (s.length > MAX_RESULT_LENGTH)
    throw new ExpressionError(`result is too long (limit ${MAX_RESULT_LENGTH})`);
  return s;
}

function limitList(list: unknown[]): unknown[] {
  if (list.length > MAX_RESULT_LENGTH)
    throw new ExpressionError(`result is too long (limit ${MAX_RESULT_LENGTH})`);
  return list;
}

function member(target: unknown, name: string): unknown {
  if (isPlainObject(target)) {
    if (!Object.hasOwn(target, name)) throw new ExpressionError(`dict has no key "${name}"`);
    return target[name] ?? null;
  }
  if ((typeof target === 'string' || Array.isArray(target)) && name === 'length') return length(target);
  throw new ExpressionError(`${typeName(target)} has no attribute "${name}"`);
}

function index(target: unknown, key: unknown): unknown {
  if (Array.isArray(target) || typeof target === 'string') {
    if (typeof key !== 'number' && typeof key !== 'boolean') {
      throw new ExpressionError(`${typeName(target)} indices must be integers, not ${typeName(key)}`);
    }
    const i = toInt(key);
    const at = i < 0 ? target.length + i : i;
    if (at < 0 || at >= target.length) throw new ExpressionError(`index ${i} is out of range`);
    return target[at] ?? null;
  }
  if (isPlainObject(target)) {
    const k = keyOf(key);
    if (!Object.hasOwn(target, k)) throw new ExpressionError(`dict has no key ${JSON.stringify(k)}`);
    return target[k] ?? null;
  }
  throw new ExpressionError(`${typeName(target)} is not subscriptable`);
}

function slice(target: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (!Array.isArray(target) && typeof target !== 'string') {
    throw new ExpressionError(`${typeName(target)} cannot be sliced`);
  }
  const len = target.length;
  const st = step === null ? 1 : toInt(step);
  if (st === 0) throw new ExpressionError('slice step must not be zero');
  const clamp = (v: unknown, dflt: number, lo: number, hi: number) => {
    if (v === null) return dflt;
    const n = toInt(v);
    return Math.min(Math.max(n < 0 ? n + len : n, lo), hi);
  };
  const items: unknown[] = [];
  if (st > 0) {
    for (let i = clamp(start, 0, 0, len), end = clamp(stop, len, 0, len); i < end; i += st)
      items.push(target[i]);
  } else {
    for (let i = clamp(start, len - 1, -1, len - 1), end = clamp(stop, -1, -1, len - 1); i > end; i += st) {
      items.push(target[i]);
    }
  }
  return typeof target === 'string' ? items.join('') : items;
}
