import { isPlainObject } from '../../engine/expressions/semantics.js';
import { stepInto } from '../../engine/templates/path.js';
import { renderNumber, renderValue } from '../../engine/templates/render.js';
import { nodeFailure } from '../failure.js';

/**
 * Python's `template.format(**values)`: `{name}`, `{user.name}`, `{items[0]}`, `{{`/`}}`
 * escapes, `!r`/`!s` conversions and the format mini-language
 * (`[[fill]align][sign][#][0][width][,|_][.precision][type]`). Values render as everywhere
 * else in Casare (integral numbers without `.0`, lists as JSON). Only named fields exist,
 * as the node passes keyword arguments.
 */
export function formatPython(template: string, values: Record<string, unknown>): string {
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i]!;
    if (c === '{' && template[i + 1] === '{') {
      out += '{';
      i += 2;
    } else if (c === '}' && template[i + 1] === '}') {
      out += '}';
      i += 2;
    } else if (c === '}') {
      throw nodeFailure(`single "}" at position ${i} in the template (write "}}" for a literal brace)`);
    } else if (c === '{') {
      const end = template.indexOf('}', i);
      if (end < 0) throw nodeFailure(`unclosed "{" at position ${i} in the template`);
      out += replacement(template.slice(i + 1, end), values);
      i = end + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}

const FIELD = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s;

function replacement(field: string, values: Record<string, unknown>): string {
  const m = FIELD.exec(field);
  if (!m) throw nodeFailure(`cannot read the placeholder {${field}}`);
  const [, name = '', path = '', conversion, spec = ''] = m;
  if (name === '' || /^\d+$/.test(name)) {
    throw nodeFailure(
      `placeholder {${field}} is positional; name it, e.g. {value}, and give "value" in variables`,
    );
  }
  if (!Object.hasOwn(values, name)) {
    const known = Object.keys(values);
    throw nodeFailure(
      `placeholder {${name}} has no value (variables: ${known.length > 0 ? known.join(', ') : 'none'})`,
    );
  }
  let value = values[name];
  for (const seg of path.match(/\.[^.[]+|\[[^\]]*\]/g) ?? []) {
    const key = seg.startsWith('.') ? seg.slice(1) : seg.slice(1, -1);
    const step = stepInto(value, /^-?\d+$/.test(key) && !isPlainObject(value) ? Number(key) : key);
    if (!step.ok) throw nodeFailure(`placeholder {${field}}: ${step.reason}`);
    value = step.value;
  }
  if (conversion === 'r' || conversion === 'a')
    value = typeof value === 'string' ? `'${value.replace(/'/g, "\\'")}'` : renderValue(value);
  else if (conversion === 's') value = renderValue(value);
  return applySpec(value, spec, field);
}

const SPEC = /^(?:(.)?([<>=^]))?([+\- ])?(#)?(0)?(\d+)?([,_])?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/s;

function applySpec(value: unknown, spec: string, field: string): string {
  if (spec === '') return renderValue(value);
  const m = SPEC.exec(spec);
  if (!m) throw nodeFailure(`invalid format "${spec}" in {${field}}`);
  const [, fillChar, alignChar, sign = '-', alt, zero, widthText, grouping, precisionText, type] = m;
  const width = widthText ? Number(widthText) : 0;
  const precision = precisionText === undefined ? undefined : Number(precisionText);
  const isNumber =
    typeof value === 'number' || (typeof value === 'boolean' && type !== undefined && type !== 's');
  let body: string;
  let signText = '';
  if (isNumber) {
    const n = Number(value);
    const abs = Math.abs(n);
    body = formatNumber(abs, type, precision, alt !== undefined, field);
    if (grouping) body = group(body, grouping);
    signText = n < 0 || Object.is(n, -0) ? '-' : sign === '+' ? '+' : sign === ' ' ? ' ' : '';
  } else {
    if (type !== undefined && type !== 's')
      throw nodeFailure(`format "${type}" in {${field}} needs a number`);
    body = renderValue(value);
    if (precision !== undefined) body = body.slice(0, precision);
  }
  const fill = fillChar ?? (zero && !alignChar ? '0' : ' ');
  const align = alignChar ?? (zero ? '=' : isNumber ? '>' : '<');
  const pad = Math.max(0, width - signText.length - body.length);
  switch (align) {
    case '<':
      return signText + body + fill.repeat(pad);
    case '^':
      return fill.repeat(Math.floor(pad / 2)) + signText + body + fill.repeat(Math.ceil(pad / 2));
    case '=':
      return signText + fill.repeat(pad) + body;
    default:
      return fill.repeat(pad) + signText + body;
  }
}

function formatNumber(
  n: number,
  type: string | undefined,
  precision: number | undefined,
  alt: boolean,
  field: string,
): string {
  const integerOnly = (base: number, prefix: string) => {
    if (!Number.isInteger(n)) throw nodeFailure(`format "${type}" in {${field}} needs a whole number`);
    return (alt ? prefix : '') + n.toString(base);
  };
  switch (type) {
    case 'd':
    case 'n':
      return integerOnly(10, '');
    case 'b':
      return integerOnly(2, '0b');
    case 'o':
      return integerOnly(8, '0o');
    case 'x':
      return integerOnly(16, '0x');
    case 'X':
      return integerOnly(16, '0X').toUpperCase();
    case 'c':
      return String.fromCodePoint(n);
    case 'f':
    case 'F':
      return n.toFixed(precision ?? 6);
    case '%':
      return `${(n * 100).toFixed(precision ?? 6)}%`;
    case 'e':
    case 'E': {
      const text = n.toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2');
      return type === 'E' ? text.toUpperCase() : text;
    }
    case 'g':
    case 'G':
      return generalFormat(n, precision ?? 6, type === 'G');
    default:
      return precision === undefined ? renderNumber(n) : generalFormat(n, precision, false);
  }
}

function generalFormat(n: number, precision: number, upper: boolean): string {
  const p = Math.max(precision, 1);
  const exp = n === 0 ? 0 : Math.floor(Math.log10(n));
  const text =
    exp < -4 || exp >= p
      ? n
          .toExponential(p - 1)
          .replace(/\.?0+e/, 'e')
          .replace(/e([+-])(\d)$/, 'e$10$2')
      : n.toFixed(Math.max(0, p - 1 - exp)).replace(/\.?0+$/, '');
  return upper ? text.toUpperCase() : text;
}

function group(digits: string, separator: string): string {
  const [int, frac] = digits.split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
