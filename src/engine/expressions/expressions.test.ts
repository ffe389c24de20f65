import { describe, expect, it } from 'vitest';
import { CasareError } from '../../errors.js';
import { RunScope } from '../scope.js';
import { evaluateExpression, MAX_EXPRESSION_LENGTH, parseExpression, withLocals } from './index.js';

function scope(vars: Record<string, unknown> = {}, outputs: Record<string, Record<string, unknown>> = {}) {
  const s = new RunScope(new Set(Object.keys(outputs)));
  for (const [k, v] of Object.entries(vars)) s.set(k, v);
  for (const [k, v] of Object.entries(outputs)) s.outputs.set(k, v);
  return s;
}

const ev = (
  src: string,
  vars: Record<string, unknown> = {},
  outputs: Record<string, Record<string, unknown>> = {},
) => evaluateExpression(src, scope(vars, outputs));

function errorOf(fn: () => unknown): CasareError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CasareError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('literals and spellings', () => {
  it.each([
    ['True', true],
    ['true', true],
    ['False', false],
    ['false', false],
    ['None', null],
    ['null', null],
    ['42', 42],
    ['2.5', 2.5],
    ['.5', 0.5],
    ['1e3', 1000],
    ['"a\\nb"', 'a\nb'],
    ["'it\\'s'", "it's"],
    ['[1, 2, 3,]', [1, 2, 3]],
    ['{\'a\': 1, "b": [true]}', { a: 1, b: [true] }],
    ['(1, 2)', [1, 2]],
  ])('%s', (src, want) => {
    expect(ev(src)).toEqual(want);
  });

  it('accepts both logical spellings', () => {
    expect(ev('1 < 2 and 2 < 3')).toBe(true);
    expect(ev('1 < 2 && 2 > 3')).toBe(false);
    expect(ev('false or 0 || "x"')).toBe('x');
    expect(ev('not 1 == 2')).toBe(true); // Python: not (1 == 2)
    expect(ev('!true == false')).toBe(true); // JS: (!true) == false
    expect(ev('!0')).toBe(true);
    expect(ev('1 === 1 and 1 !== 2')).toBe(true);
  });

  it('and/or return an operand, as in both languages', () => {
    expect(ev('0 or "fallback"')).toBe('fallback');
    expect(ev('"a" and "b"')).toBe('b');
    expect(ev('[] or None')).toBeNull();
  });

  it('supports both conditional spellings', () => {
    expect(ev('"yes" if 2 > 1 else "no"')).toBe('yes');
    expect(ev('2 < 1 ? "yes" : "no"')).toBe('no');
  });
});

describe('arithmetic', () => {
  it.each([
    ['1 + 2 * 3', 7],
    ['(1 + 2) * 3', 9],
    ['7 / 2', 3.5],
    ['7 // 2', 3],
    ['-7 // 2', -4],
    ['-7 % 3', 2],
    ['7 % -3', -2],
    ['2 ** 3 ** 2', 512],
    ['-2 ** 2', -4],
    ['2 ** -1', 0.5],
    ['--3', 3],
    ['True + 1', 2],
    ['"ab" * 3', 'ababab'],
    ['[0] * 3', [0, 0, 0]],
    ['[1] + [2]', [1, 2]],
    ['"Total: " + 5', 'Total: 5'],
    ['"n=" + 2.0', 'n=2'],
  ])('%s', (src, want) => {
    expect(ev(src)).toEqual(want);
  });

  it('division and modulo by zero are clear errors', () => {
    for (const src of ['1 / 0', '1 // 0', '1 % 0']) {
      const err = errorOf(() => ev(src));
      expect(err.code).toBe('EXPRESSION_ERROR');
      expect(err.message).toMatch(/by zero/);
      expect(err.fault).toBe('workflow');
    }
  });

  it('rejects mismatched operands with Python type names', () => {
    expect(errorOf(() => ev('[1] - 1')).message).toMatch(/unsupported operand types for -: list and int/);
    expect(errorOf(() => ev('-"a"')).message).toMatch(/bad operand/);
  });
});

describe('comparisons', () => {
  it('chains like Python', () => {
    expect(ev('1 < 2 < 3')).toBe(true);
    expect(ev('1 < 3 < 2')).toBe(false);
    expect(ev('x >= 0 <= 10', { x: 5 })).toBe(true);
  });

  it('compares deeply and across int/float/bool like Python', () => {
    expect(ev('[1, {"a": 2}] == [1, {"a": 2.0}]')).toBe(true);
    expect(ev('True == 1')).toBe(true);
    expect(ev('None == null')).toBe(true);
    expect(ev('[1, 2] < [1, 3]')).toBe(true);
    expect(ev('"abc" < "abd"')).toBe(true);
  });

  it('lets a number meet the text that spells it (scraped values are text)', () => {
    expect(ev('x == 75', { x: '75' })).toBe(true);
    expect(ev('x > 50', { x: '75' })).toBe(true);
    expect(ev('x == 75', { x: '75 apples' })).toBe(false);
    expect(ev('"true" == True')).toBe(false);
  });

  it('cannot order unrelated types', () => {
    expect(errorOf(() => ev('"a" < 1')).message).toMatch(/cannot compare str with int/);
    expect(errorOf(() => ev('None < 1')).message).toMatch(/cannot compare None with int/);
  });

  it('has in / not in / is / is not', () => {
    expect(ev('"b" in "abc"')).toBe(true);
    expect(ev('2 in [1, 2]')).toBe(true);
    expect(ev('"k" in {"k": 1}')).toBe(true);
    expect(ev('3 not in [1, 2]')).toBe(true);
    expect(ev('x is None', { x: null })).toBe(true);
    expect(ev('x is not None', { x: 0 })).toBe(true);
  });
});

describe('names, references and access', () => {
  const vars = { name: 'Alice', n: 3, items: ['a', 'b', 'c'], user: { name: 'Bob', tags: ['x'] } };
  const outputs = { check_file_exists: { exists: true }, compare: { result: false } };

  it('reads variables and node outputs by name', () => {
    expect(ev('name == "Alice"', vars)).toBe(true);
    expect(ev('user.name', vars)).toBe('Bob');
    expect(ev('user["tags"][0]', vars)).toBe('x');
    expect(ev('check_file_exists.exists', {}, outputs)).toBe(true);
  });

  it('keeps the type of {{refs}}, so a string variable compares as text', () => {
    expect(ev("{{name}} == 'Alice'", vars)).toBe(true);
    expect(ev('{{n}} < 3', vars)).toBe(false);
    expect(ev('{{check_file_exists.exists}} == true', {}, outputs)).toBe(true);
    expect(ev('{{compare.result}}', {}, outputs)).toBe(false);
    expect(ev('len({{items}}) > 2', vars)).toBe(true);
    expect(ev('{{ user.tags[0] }}', vars)).toBe('x');
  });

  it('interpolates {{refs}} inside quoted text', () => {
    expect(ev("'{{name}}' == 'Alice'", vars)).toBe(true);
    expect(ev('"n={{n}}"', vars)).toBe('n=3');
  });

  it('names an unknown variable or an unresolvable reference', () => {
    const unknown = errorOf(() => ev('missing > 1', vars));
    expect(unknown.code).toBe('EXPRESSION_ERROR');
    expect(unknown.message).toContain('"missing"');
    const ref = errorOf(() => ev('{{nope.out}} == 1', vars));
    expect(ref.code).toBe('TEMPLATE_UNRESOLVED');
    expect(ref.message).toContain('{{nope.out}}');
  });

  it('indexes and slices like Python', () => {
    expect(ev('items[-1]', vars)).toBe('c');
    expect(ev('items[1:]', vars)).toEqual(['b', 'c']);
    expect(ev('items[::-1]', vars)).toEqual(['c', 'b', 'a']);
    expect(ev('name[:3]', vars)).toBe('Ali');
    expect(ev('items.length', vars)).toBe(3);
    expect(errorOf(() => ev('items[5]', vars)).message).toMatch(/out of range/);
    expect(errorOf(() => ev('user.age', vars)).message).toMatch(/no key "age"/);
  });

  it('takes locals in front of variables', () => {
    const s = withLocals(scope(vars), { item: { price: 5 } });
    expect(evaluateExpression('item.price * n', s)).toBe(15);
    expect(evaluateExpression('{{item.price}} > 4', s)).toBe(true);
  });
});

describe('functions and methods', () => {
  it.each([
    ['len("abc")', 3],
    ['len({"a": 1})', 1],
    ['str(40)', '40'],
    ['str(2.5)', '2.5'],
    ['str([1, "a"])', '[1, "a"]'],
    ['int("42")', 42],
    ['int(3.9)', 3],
    ['float("2.5")', 2.5],
    ['abs(-3)', 3],
    ['min([3, 1, 2])', 1],
    ['max(3, 7, 5)', 7],
    ['round(2.5)', 2],
    ['round(3.5)', 4],
    ['round(2.675, 2)', 2.67],
    ['round(0.125, 2)', 0.12],
    ['round(-2.5)', -2],
    ['round(1234.5678, -2)', 1200],
    ['sum([1, 2, 3])', 6],
    ['sorted([3, 1, 2])', [1, 2, 3]],
    ['list("ab")', ['a', 'b']],
    ['any([0, 1])', true],
    ['all([1, 0])', false],
    ['range(3)', [0, 1, 2]],
    ['bool("")', false],
    ['"  Hi ".strip().lower()', 'hi'],
    ['"abc".upper()', 'ABC'],
    ['"a,b".split(",")', ['a', 'b']],
    ['"-".join(["a", "b"])', 'a-b'],
    ['"hello".startswith("he")', true],
    ['"Hello".toLowerCase()', 'hello'],
    ['" x ".trim()', 'x'],
    ['"abc".includes("b")', true],
    ['{"a": 1}.get("b", 2)', 2],
    ['{"a": 1}.keys()', ['a']],
    ['[1, 2, 2].count(2)', 2],
  ])('%s', (src, want) => {
    expect(ev(src)).toEqual(want);
  });

  it('refuses unknown functions and methods', () => {
    expect(errorOf(() => ev('eval("1")')).message).toMatch(/unknown function "eval"/);
    expect(errorOf(() => ev('Function("return 1")')).message).toMatch(/unknown function/);
    expect(errorOf(() => ev('"a".constructor')).message).toMatch(/not allowed/);
    expect(errorOf(() => ev('"a".valueOf()')).message).toMatch(/no method "valueOf"/);
    expect(errorOf(() => ev('[].map("x")')).message).toMatch(/no method "map"/);
    expect(errorOf(() => ev('x()', { x: 1 })).message).toMatch(/unknown function "x"/);
  });
});

describe('sandbox', () => {
  it('blocks prototype access in every spelling', () => {
    const vars = { obj: {}, list: [] as unknown[] };
    for (const src of [
      'obj.__proto__',
      'obj.constructor',
      'obj.prototype',
      '__proto__',
      'list.__class__',
      '"".constructor.constructor("return process")()',
    ]) {
      const err = errorOf(() => ev(src, vars));
      expect(err.code, src).toBe('EXPRESSION_ERROR');
    }
  });

  it('reads only own data through [] and {{}} too', () => {
    const vars = { obj: { a: 1 } };
    expect(errorOf(() => ev('obj["constructor"]', vars)).message).toMatch(/no key/);
    expect(errorOf(() => ev('obj["__proto__"]', vars)).message).toMatch(/no key/);
    expect(errorOf(() => ev('{{obj.constructor}}', vars)).code).toBe('TEMPLATE_UNRESOLVED');
    expect(errorOf(() => ev('{{obj.toString}}', vars)).code).toBe('TEMPLATE_UNRESOLVED');
  });

  it('cannot pollute a prototype through a dict literal', () => {
    const value = ev('{"__proto__": {"polluted": 1}}') as Record<string, unknown>;
    expect(Object.hasOwn(value, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
  });

  it('has no assignment, lambdas or statements', () => {
    expect(errorOf(() => ev('x = 1')).message).toMatch(/use "=="/);
    expect(errorOf(() => ev('lambda: 1')).message).toMatch(/unexpected "lambda"/);
    expect(errorOf(() => ev('1; 2')).message).toMatch(/unexpected character/);
    expect(errorOf(() => ev('import os')).message).toMatch(/unexpected "import"/);
  });
});

describe('hostile input', () => {
  it('reports deep nesting clearly instead of overflowing the stack', () => {
    for (const src of [
      `${'('.repeat(5000)}1${')'.repeat(5000)}`,
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      `${'not '.repeat(2000)}True`,
      `${'-'.repeat(5000)}1`,
      `${'!'.repeat(5000)}1`,
      `${'2 ** '.repeat(2000)}2`,
      `${'{"a": '.repeat(3000)}1${'}'.repeat(3000)}`,
      `${'x['.repeat(3000)}0${']'.repeat(3000)}`,
    ]) {
      const err = errorOf(() => parseExpression(src));
      expect(err.code).toBe('EXPRESSION_ERROR');
      expect(err.message).toMatch(/nested too deeply|too long/);
    }
  });

  it('bounds long operator chains', () => {
    const err = errorOf(() => parseExpression(Array.from({ length: 2000 }, () => '1').join('+')));
    expect(err.message).toMatch(/too many operators/);
    expect(ev(Array.from({ length: 500 }, () => '1').join(' + '))).toBe(500);
  });

  it('rejects huge input with a clear error', () => {
    const err = errorOf(() => parseExpression(`"${'a'.repeat(MAX_EXPRESSION_LENGTH)}"`));
    expect(err.message).toMatch(/too long/);
  });

  it('caps amplifying operations', () => {
    expect(errorOf(() => ev('"a" * 100000000')).message).toMatch(/too long/);
    expect(errorOf(() => ev('range(100000000)')).message).toMatch(/limit/);
    expect(errorOf(() => ev('[1] * 10000000')).message).toMatch(/too long/);
  });

  it('does not hang or crash on deeply nested data', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    const err = errorOf(() => ev('a == b', { a: deep, b: [deep] }));
    expect(err.message).toMatch(/nested too deeply/);
  });

  it('reports syntax errors with a position', () => {
    expect(errorOf(() => ev('1 +')).message).toMatch(/unexpected end of expression at position 3/);
    expect(errorOf(() => ev('(1')).message).toMatch(/expected "\)"/);
    expect(errorOf(() => ev('"open')).message).toMatch(/unterminated string/);
    expect(errorOf(() => ev('1 2')).message).toMatch(/unexpected number 2/);
  });

  it('evaluates an empty expression to null', () => {
    expect(ev('   ')).toBeNull();
  });
});
