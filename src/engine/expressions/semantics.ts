import { ExpressionError } from './errors.js';

/**
 * Value semantics shared by the evaluator and nodes (Comparison, Switch): Python's, with the
 * leniencies an RPA author expects from JS (a numeric string compares with a number).
 */

const MAX_DEPTH = 100;
const NUMERIC = /^\s*[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

export type PlainObject = Record<string, unknown>;

export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/** Python type names, for error messages authors recognise. */
export function typeName(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (Array.isArray(value)) return 'list';
  switch (typeof value) {
    case 'boolean':
      return 'bool';
    case 'number':
      return Number.isInteger(value) ? 'int' : 'float';
    case 'string':
      return 'str';
    case 'object':
      return 'dict';
    default:
      return typeof value;
  }
}

/** Python truthiness: None, False, 0, NaN, "", [] and {} are false. */
export function truthy(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'number':
      return value !== 0 && !Number.isNaN(value);
    case 'string':
      return value.length > 0;
    case 'object':
      if (Array.isArray(value)) return value.length > 0;
      return Object.keys(value).length > 0;
    default:
      return true;
  }
}

/** Numbers for arithmetic and ordering: booleans count as 0/1 (Python). */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  return null;
}

/** A string that reads as a number (`"75"`, `" 2.5 "`), else null. */
export function numericString(value: unknown): number | null {
  return typeof value === 'string' && NUMERIC.test(value) ? Number(value) : null;
}

/**
 * Equality: deep for lists and dicts, `1 == True` as in Python, and a number equals the
 * string that spells it (`75 == "75"`), as JS `==` has it: values scraped from pages are
 * strings, and textual substitution in CasareRPA made them compare as numbers.
 */
export function equals(a: unknown, b: unknown, depth = 0): boolean {
  if (depth > MAX_DEPTH) throw new ExpressionError('values are nested too deeply to compare');
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null) return na === nb;
  if (typeof a === 'number' && typeof b === 'string') return numericString(b) === a;
  if (typeof b === 'number' && typeof a === 'string') return numericString(a) === b;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => equals(v, b[i], depth + 1));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => Object.hasOwn(b, k) && equals(a[k], b[k], depth + 1));
  }
  return false;
}

/** Ordering (<0, 0, >0) for numbers, strings and lists; other mixes are an error. */
export function compareValues(a: unknown, b: unknown, depth = 0): number {
  if (depth > MAX_DEPTH) throw new ExpressionError('values are nested too deeply to compare');
  let na = asNumber(a);
  let nb = asNumber(b);
  if (typeof a === 'number' && nb === null) nb = numericString(b);
  if (typeof b === 'number' && na === null) na = numericString(a);
  if (na !== null && nb !== null) {
    if (Number.isNaN(na) || Number.isNaN(nb)) return Number.NaN;
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (!equals(a[i], b[i], depth + 1)) return compareValues(a[i], b[i], depth + 1);
    }
    return a.length - b.length;
  }
  throw new ExpressionError(`cannot compare ${typeName(a)} with ${typeName(b)}`);
}

/** Membership (`in`): substring, list element, or dict key. */
export function contains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string')
      throw new ExpressionError(`'in <str>' needs a string, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (Array.isArray(container)) return container.some((v) => equals(v, item));
  if (isPlainObject(container)) return Object.hasOwn(container, keyOf(item));
  throw new ExpressionError(`cannot use "in" with ${typeName(container)}`);
}

/** Dict keys are strings (JSON); numbers and booleans convert as JSON would write them. */
export function keyOf(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return 'null';
  throw new ExpressionError(`a ${typeName(value)} cannot be a dict key`);
}

/**
 * Own-property write that cannot reach a prototype, even for the key `__proto__` (the only
 * setter on Object.prototype; plain assignment is kept for every other key because
 * defineProperty makes objects slow).
 */
export function setOwn(target: PlainObject, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
