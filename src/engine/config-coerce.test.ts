import { describe, expect, it } from 'vitest';
import { coerceConfigValue } from './config-coerce.js';

const coerce = (value: unknown, field: Parameters<typeof coerceConfigValue>[1]) =>
  coerceConfigValue(value, field, 'k', 'n');

describe('config coercion', () => {
  it('converts the way a property panel stores values', () => {
    expect(coerce('5', { type: 'integer' })).toBe(5);
    expect(coerce(' 2.5 ', { type: 'number' })).toBe(2.5);
    expect(coerce('TRUE', { type: 'boolean' })).toBe(true);
    expect(coerce(0, { type: 'boolean' })).toBe(false);
    expect(coerce(40, { type: 'string' })).toBe('40');
    expect(coerce([1, 2], { type: 'string' })).toBe('[1, 2]');
    expect(coerce('[1, 2]', { type: 'list' })).toEqual([1, 2]);
    expect(coerce('{"a": 1}', { type: 'dict' })).toEqual({ a: 1 });
    expect(coerce('Divide', { type: 'choice', choices: ['add', 'divide'] })).toBe('divide');
  });

  it('applies defaults to absent and null values', () => {
    expect(coerce(undefined, { type: 'number', default: 1 })).toBe(1);
    expect(coerce(null, { type: 'string', default: 'x' })).toBe('x');
    expect(coerce(undefined, { type: 'any' })).toBeUndefined();
  });

  it('reports the key and what was wrong', () => {
    expect(() => coerce('abc', { type: 'number' })).toThrow('setting "k" must be a number, not "abc"');
    expect(() => coerce(2.5, { type: 'integer' })).toThrow('must be a whole number');
    expect(() => coerce('maybe', { type: 'boolean' })).toThrow('must be true or false');
    expect(() => coerce('x', { type: 'list' })).toThrow('must be a list');
    expect(() => coerce('pow', { type: 'choice', choices: ['add'] })).toThrow('must be one of add');
    expect(() => coerce(undefined, { type: 'string', required: true })).toThrow('setting "k" is required');
    expect(() => coerce('  ', { type: 'string', required: true })).toThrow('is required');
    let caught: unknown;
    try {
      coerce('abc', { type: 'number' });
    } catch (err) {
      caught = err;
    }
    expect(caught).toMatchObject({
      code: 'INVALID_CONFIG',
      fault: 'workflow',
      retryable: false,
      nodeId: 'n',
    });
  });
});
