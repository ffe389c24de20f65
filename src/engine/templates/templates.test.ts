import { describe, expect, it } from 'vitest';
import { CasareError } from '../../errors.js';
import { RunScope } from '../scope.js';
import { compileTemplate, evaluateTemplate } from './compile.js';
import { parsePath } from './path.js';
import { renderValue } from './render.js';

function scope() {
  const s = new RunScope(
    new Set(['add', 'loop_start', 'later', 'quiet']),
    () => new Date(2026, 0, 14, 9, 5, 7),
  );
  s.set('numbers', [1, 2, 3]);
  s.set('total', 40);
  s.set('half', 12.5);
  s.set('name', 'Alice');
  s.set('flag', false);
  s.set('nothing', null);
  s.set('user', { name: 'Bob', roles: ['admin', 'dev'], 'with space': 1 });
  s.outputs.set('add', { result: 25 });
  s.outputs.set('loop_start', { current_item: 'B', current_index: 1 });
  s.outputs.set('quiet', {});
  return s;
}

const render = (text: string) => evaluateTemplate(compileTemplate(text), scope());

function errorOf(fn: () => unknown): CasareError {
  try {
    fn();
  } catch (err) {
    if (err instanceof CasareError) return err;
    throw err;
  }
  throw new Error('expected an error');
}

describe('templates', () => {
  it('keeps the type of a whole-string template', () => {
    const s = scope();
    // The variable's own value, not a copy (nodes treat config as read-only).
    expect(evaluateTemplate(compileTemplate('{{numbers}}'), s)).toBe(s.get('numbers'));
    expect(render('{{numbers}}')).toEqual([1, 2, 3]);
    expect(render('  {{ total }} ')).toBe(40);
    expect(render('{{flag}}')).toBe(false);
    expect(render('{{nothing}}')).toBeNull();
    expect(render('{{add.result}}')).toBe(25);
    expect(render('{{user}}')).toEqual({ name: 'Bob', roles: ['admin', 'dev'], 'with space': 1 });
  });

  it('renders embedded values as text', () => {
    expect(render('The final result is: {{total}}')).toBe('The final result is: 40');
    expect(render('half={{half}} ok={{flag}} none=[{{nothing}}]')).toBe('half=12.5 ok=false none=[]');
    expect(render('{{numbers}} and {{user.roles}}')).toBe('[1, 2, 3] and ["admin", "dev"]');
    expect(render('{"user": {{user}}}')).toBe(
      '{"user": {"name": "Bob", "roles": ["admin", "dev"], "with space": 1}}',
    );
    expect(render('{{name}}{{total}}')).toBe('Alice40');
  });

  it('renders integral numbers without a decimal point', () => {
    expect(renderValue(40)).toBe('40');
    expect(renderValue(50 / 2)).toBe('25');
    expect(renderValue(-0)).toBe('0');
    expect(renderValue(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(renderValue([1.0, 2.5])).toBe('[1, 2.5]');
  });

  it('follows nested paths', () => {
    expect(render('{{user.name}}')).toBe('Bob');
    expect(render('{{user.roles[1]}}')).toBe('dev');
    expect(render('{{user.roles[-1]}}')).toBe('dev');
    expect(render('{{user["with space"]}}')).toBe(1);
    expect(render('{{numbers.length}}')).toBe(3);
    expect(render('{{loop_start.current_item}}')).toBe('B');
  });

  it('leaves text that is not a reference alone', () => {
    expect(render('{{ a + b }}')).toBe('{{ a + b }}');
    expect(render('{{}}')).toBe('{{}}');
    expect(render('plain {single} braces')).toBe('plain {single} braces');
    expect(compileTemplate('no templates').kind).toBe('text');
  });

  it('names an unresolvable reference and says why', () => {
    const notRun = errorOf(() => render('x {{later.value}}'));
    expect(notRun.code).toBe('TEMPLATE_UNRESOLVED');
    expect(notRun.fault).toBe('workflow');
    expect(notRun.retryable).toBe(false);
    expect(notRun.message).toBe('template {{later.value}} cannot be resolved: node "later" has not run yet');
    expect(errorOf(() => render('{{add.sum}}')).message).toContain(
      'node "add" has no output "sum" (its outputs: result)',
    );
    expect(errorOf(() => render('{{quiet.x}}')).message).toContain('(it has no outputs)');
    expect(errorOf(() => render('{{missing}}')).message).toContain('no variable or node named "missing"');
    expect(errorOf(() => render('{{user.age}}')).message).toContain('no key "age"');
    expect(errorOf(() => render('{{numbers[9]}}')).message).toContain('index 9 is out of range');
    expect(errorOf(() => render('{{total.x}}')).message).toContain('of a number');
  });

  it('offers CasareRPA system variables', () => {
    expect(render('{{$currentDate}} {{$currentTime}}')).toBe('2026-01-14 09:05:07');
    expect(typeof render('{{$timestamp}}')).toBe('number');
    expect(errorOf(() => render('{{$nope}}')).message).toContain('unknown system variable');
  });

  it('prefers a node output over a same-named variable only for that output', () => {
    const s = scope();
    s.set('add', { result: 'var', other: 'v' });
    expect(evaluateTemplate(compileTemplate('{{add.result}}'), s)).toBe(25);
    expect(evaluateTemplate(compileTemplate('{{add.other}}'), s)).toBe('v');
    expect(evaluateTemplate(compileTemplate('{{add}}'), s)).toEqual({ result: 'var', other: 'v' });
  });
});

describe('paths', () => {
  it('accepts CasareRPA node ids (digits, dashes)', () => {
    expect(parsePath('node-1.out')).toMatchObject({ root: 'node-1', segments: ['out'] });
    expect(parsePath('1abc[0]["k"]')).toMatchObject({ root: '1abc', segments: [0, 'k'] });
    expect(parsePath('a b')).toBeNull();
    expect(parsePath('a.')).toBeNull();
  });

  it('renders cycles without throwing', () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(renderValue(a)).toBe('{"x": 1, "self": "[Circular]"}');
  });
});
