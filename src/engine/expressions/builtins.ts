import { renderValue } from '../templates/render.js';
import { ExpressionError } from './errors.js';
import {
  asNumber,
  compareValues,
  equals,
  isPlainObject,
  numericString,
  truthy,
  typeName,
} from './semantics.js';

/**
 * The only functions and methods an expression can call: a fixed table over plain values.
 * Nothing here reaches a JS prototype, global, or host object.
 */

export const MAX_RESULT_LENGTH = 1_000_000;

type Fn = (args: unknown[]) => unknown;

function arity(name: string, args: unknown[], min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const want = min === max ? `${min}` : `${min} to ${max}`;
    throw new ExpressionError(`${name}() takes ${want} argument(s), got ${args.length}`);
  }
}

function num(name: string, value: unknown): number {
  const n = asNumber(value);
  if (n === null) throw new ExpressionError(`${name}() needs a number, not ${typeName(value)}`);
  return n;
}

function iterable(name: string, value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isPlainObject(value)) return Object.keys(value);
  throw new ExpressionError(`${name}() needs a list, string or dict, not ${typeName(value)}`);
}

export function length(value: unknown): number {
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  throw new ExpressionError(`len() of ${typeName(value)} is not defined`);
}

export function toInt(value: unknown): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ExpressionError(`cannot convert ${value} to int`);
    return Math.trunc(value);
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  const n = numericString(value);
  if (n !== null && Number.isInteger(n)) return n;
  throw new ExpressionError(`invalid value for int(): ${JSON.stringify(renderValue(value))}`);
}

export function toFloat(value: unknown): number {
  const n = asNumber(value) ?? numericString(value);
  if (n === null)
    throw new ExpressionError(`invalid value for float(): ${JSON.stringify(renderValue(value))}`);
  return n;
}

/**
 * Python's round(): decided on the exact decimal value of the double (so 2.675, stored as
 * 2.67499…, rounds to 2.67), with exact halves going to the even neighbour (round(2.5) == 2).
 */
export function roundHalfEven(value: number, digits = 0): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return value;
  if (digits < 0) {
    const factor = 10 ** -digits;
    return roundHalfEven(value / factor) * factor;
  }
  const d = Math.min(digits, 80);
  const text = Math.abs(value).toFixed(Math.min(100, d + 20));
  const point = text.indexOf('.');
  const kept = text.slice(0, point) + text.slice(point + 1, point + 1 + d);
  const rest = text.slice(point + 1 + d);
  const last = Number(kept[kept.length - 1]);
  const first = rest[0] ?? '0';
  const up = first > '5' || (first === '5' && (/[1-9]/.test(rest.slice(1)) || last % 2 === 1));
  const scaled = (BigInt(kept) + (up ? 1n : 0n)).toString().padStart(d + 1, '0');
  const result = Number(d === 0 ? scaled : `${scaled.slice(0, -d)}.${scaled.slice(-d)}`);
  return value < 0 && result !== 0 ? -result : result;
}

function extreme(name: string, args: unknown[], sign: 1 | -1): unknown {
  const items = args.length === 1 ? iterable(name, args[0]) : args;
  if (items.length === 0) throw new ExpressionError(`${name}() of an empty sequence`);
  let best = items[0];
  for (const item of items.slice(1)) if (compareValues(item, best) * sign > 0) best = item;
  return best;
}

function range(args: unknown[]): number[] {
  arity('range', args, 1, 3);
  const [start, stop, step] =
    args.length === 1
      ? [0, toInt(args[0]), 1]
      : [toInt(args[0]), toInt(args[1]), args[2] === undefined ? 1 : toInt(args[2])];
  if (step === 0) throw new ExpressionError('range() step must not be zero');
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > MAX_RESULT_LENGTH)
    throw new ExpressionError(`range() would have ${count} items (limit ${MAX_RESULT_LENGTH})`);
  return Array.from({ length: count }, (_, i) => start + i * step);
}

/** A function with its arity checked before it runs. */
function fn(name: string, min: number, max: number, impl: Fn): Fn {
  return (args) => {
    arity(name, args, min, max);
    return impl(args);
  };
}

const FUNCTIONS: Record<string, Fn> = {
  len: fn('len', 1, 1, (a) => length(a[0])),
  str: fn('str', 0, 1, (a) => (a.length === 0 ? '' : renderValue(a[0]))),
  int: fn('int', 0, 1, (a) => (a.length === 0 ? 0 : toInt(a[0]))),
  float: fn('float', 0, 1, (a) => (a.length === 0 ? 0 : toFloat(a[0]))),
  bool: fn('bool', 0, 1, (a) => (a.length === 0 ? false : truthy(a[0]))),
  abs: fn('abs', 1, 1, (a) => Math.abs(num('abs', a[0]))),
  round: fn('round', 1, 2, (a) =>
    roundHalfEven(num('round', a[0]), a[1] === undefined || a[1] === null ? 0 : toInt(a[1])),
  ),
  min: (a) => extreme('min', a, -1),
  max: (a) => extreme('max', a, 1),
  sum: fn('sum', 1, 2, (a) =>
    iterable('sum', a[0]).reduce<number>(
      (acc, v) => acc + num('sum', v),
      a[1] === undefined ? 0 : num('sum', a[1]),
    ),
  ),
  sorted: fn('sorted', 1, 2, (a) => {
    const items = [...iterable('sorted', a[0])].sort((x, y) => compareValues(x, y));
    return truthy(a[1]) ? items.reverse() : items;
  }),
  list: fn('list', 0, 1, (a) => (a.length === 0 ? [] : [...iterable('list', a[0])])),
  any: fn('any', 1, 1, (a) => iterable('any', a[0]).some(truthy)),
  all: fn('all', 1, 1, (a) => iterable('all', a[0]).every(truthy)),
  range,
};
// JS spellings of the same conversions.
FUNCTIONS.String = FUNCTIONS.str!;
FUNCTIONS.Number = FUNCTIONS.float!;
FUNCTIONS.Boolean = FUNCTIONS.bool!;
FUNCTIONS.parseFloat = FUNCTIONS.float!;
FUNCTIONS.parseInt = fn('parseInt', 1, 1, (a) =>
  toInt(typeof a[0] === 'number' ? a[0] : Math.trunc(toFloat(a[0]))),
);

export function callFunction(name: string, args: unknown[]): unknown {
  if (!Object.hasOwn(FUNCTIONS, name)) throw new ExpressionError(`unknown function "${name}"`);
  return FUNCTIONS[name]!(args);
}

function str(name: string, value: unknown): string {
  if (typeof value !== 'string')
    throw new ExpressionError(`${name}() needs a string, not ${typeName(value)}`);
  return value;
}

function capped(value: string): string {
  if (value.length > MAX_RESULT_LENGTH)
    throw new ExpressionError(`string result is too long (limit ${MAX_RESULT_LENGTH})`);
  return value;
}

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  if (chars === undefined || chars === null) {
    return left && right ? s.trim() : left ? s.trimStart() : s.trimEnd();
  }
  const set = new Set(str('strip', chars));
  let a = 0;
  let b = s.length;
  while (left && a < b && set.has(s[a]!)) a++;
  while (right && b > a && set.has(s[b - 1]!)) b--;
  return s.slice(a, b);
}

function split(s: string, sep: unknown, max: unknown): string[] {
  const limit = max === undefined ? -1 : toInt(max);
  if (sep === undefined || sep === null) {
    const parts = s
      .trim()
      .split(/\s+/)
      .filter((p) => p.length > 0);
    return limit < 0 || parts.length <= limit + 1
      ? parts
      : [...parts.slice(0, limit), parts.slice(limit).join(' ')];
  }
  const separator = str('split', sep);
  if (separator === '') throw new ExpressionError('split() separator must not be empty');
  const parts = s.split(separator);
  return limit < 0 || parts.length <= limit + 1
    ? parts
    : [...parts.slice(0, limit), parts.slice(limit).join(separator)];
}

function stringMethod(s: string, name: string, a: unknown[]): unknown {
  switch (name) {
    case 'lower':
    case 'toLowerCase':
      return s.toLowerCase();
    case 'upper':
    case 'toUpperCase':
      return s.toUpperCase();
    case 'strip':
    case 'trim':
      return stripChars(s, a[0], true, true);
    case 'lstrip':
      return stripChars(s, a[0], true, false);
    case 'rstrip':
      return stripChars(s, a[0], false, true);
    case 'startswith':
    case 'startsWith':
      return s.startsWith(str(name, a[0]));
    case 'endswith':
    case 'endsWith':
      return s.endsWith(str(name, a[0]));
    case 'includes':
      return s.includes(str(name, a[0]));
    case 'find':
    case 'indexOf':
      return s.indexOf(str(name, a[0]));
    case 'count':
      return str(name, a[0]) === '' ? s.length + 1 : s.split(str(name, a[0])).length - 1;
    case 'replace':
      return capped(s.split(str(name, a[0])).join(str(name, a[1])));
    case 'split':
      return split(s, a[0], a[1]);
    case 'join':
      if (!Array.isArray(a[0])) throw new ExpressionError('join() needs a list');
      return capped(a[0].map((v) => str('join', v)).join(s));
    case 'title':
      return s
        .toLowerCase()
        .replace(/(^|[^A-Za-z])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
    case 'capitalize':
      return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();
    case 'isdigit':
    case 'isnumeric':
      return s.length > 0 && /^\d+$/.test(s);
    case 'isalpha':
      return s.length > 0 && /^\p{L}+$/u.test(s);
    case 'isalnum':
      return s.length > 0 && /^[\p{L}\d]+$/u.test(s);
    case 'isspace':
      return s.length > 0 && /^\s+$/.test(s);
    default:
      throw new ExpressionError(`str has no method "${name}"`);
  }
}

function listMethod(list: unknown[], name: string, a: unknown[]): unknown {
  switch (name) {
    case 'count':
      return list.filter((v) => equals(v, a[0])).length;
    case 'index':
    case 'indexOf': {
      const i = list.findIndex((v) => equals(v, a[0]));
      if (i < 0 && name === 'index') throw new ExpressionError(`${renderValue(a[0])} is not in list`);
      return i;
    }
    case 'includes':
      return list.some((v) => equals(v, a[0]));
    case 'join':
      return capped(list.map(renderValue).join(a[0] === undefined ? ',' : str('join', a[0])));
    default:
      throw new ExpressionError(`list has no method "${name}"`);
  }
}

function dictMethod(d: Record<string, unknown>, name: string, a: unknown[]): unknown {
  switch (name) {
    case 'get': {
      const key = typeof a[0] === 'string' ? a[0] : renderValue(a[0]);
      return Object.hasOwn(d, key) ? d[key] : (a[1] ?? null);
    }
    case 'keys':
      return Object.keys(d);
    case 'values':
      return Object.values(d);
    case 'items':
      return Object.entries(d).map(([k, v]) => [k, v]);
    default:
      throw new ExpressionError(`dict has no method "${name}"`);
  }
}

export function callMethod(target: unknown, name: string, args: unknown[]): unknown {
  if (typeof target === 'string') return stringMethod(target, name, args);
  if (Array.isArray(target)) return listMethod(target, name, args);
  if (isPlainObject(target)) return dictMethod(target, name, args);
  throw new ExpressionError(`${typeName(target)} has no method "${name}"`);
}
