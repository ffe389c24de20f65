import { describe, expect, it } from 'vitest';
import { formatPython } from './python-format.js';

describe('formatPython (str.format with keyword arguments)', () => {
  const values = {
    name: 'Alice',
    age: 30,
    pi: 3.14258,
    big: 1234567.891,
    user: { name: 'Bob' },
    items: ['x', 'y'],
    n: -42,
  };

  it.each([
    ['Hello, my name is {name} and I am {age} years old', 'Hello, my name is Alice and I am 30 years old'],
    ['{{literal}} {name}', '{literal} Alice'],
    ['{user.name} / {user[name]} / {items[1]}', 'Bob / Bob / y'],
    ['{pi:.2f}', '3.14'],
    ['{age:5d}|{name:>7}|{name:<7}|{name:^7}', '   30|  Alice|Alice  | Alice '],
    ['{age:05}', '00030'],
    ['{n:+d} {age:+d} {age: d}', '-42 +30  30'],
    ['{big:,.2f} {big:_.0f}', '1,234,567.89 1_234_568'],
    ['{age:x} {age:#x} {age:X} {age:b} {age:o}', '1e 0x1e 1E 11110 36'],
    ['{pi:.3e} {age:%}', '3.143e+00 3000.000000%'],
    ['{pi:.3g} {big:g}', '3.14 1.23457e+06'],
    ['{name!r} {items}', '\'Alice\' ["x", "y"]'],
    ['{name:.3}', 'Ali'],
    ['{age:*^8}', '***30***'],
  ])('%s', (template, want) => {
    expect(formatPython(template, values)).toBe(want);
  });

  it('fails clearly on missing and positional placeholders', () => {
    expect(() => formatPython('{missing}', values)).toThrow(
      /placeholder \{missing\} has no value \(variables: name, age/,
    );
    expect(() => formatPython('{} {0}', values)).toThrow(/positional/);
    expect(() => formatPython('oops }', values)).toThrow(/single "}"/);
    expect(() => formatPython('{name', values)).toThrow(/unclosed/);
    expect(() => formatPython('{name:d}', values)).toThrow(/needs a number/);
    expect(() => formatPython('{pi:d}', values)).toThrow(/whole number/);
  });
});
