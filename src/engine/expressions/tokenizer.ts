import { parsePath, type RefPath } from '../templates/path.js';
import { ExpressionError } from './errors.js';

export type Token =
  | { readonly t: 'num'; readonly value: number; readonly pos: number }
  | { readonly t: 'str'; readonly value: string; readonly pos: number }
  | { readonly t: 'ref'; readonly ref: RefPath; readonly pos: number }
  | { readonly t: 'name'; readonly value: string; readonly pos: number }
  | { readonly t: 'op'; readonly value: string; readonly pos: number }
  | { readonly t: 'eof'; readonly pos: number };

/** Longest first, so `**` wins over `*` and `!==` over `!=`. */
const OPERATORS = [
  '===',
  '!==',
  '**',
  '//',
  '==',
  '!=',
  '<=',
  '>=',
  '&&',
  '||',
  '+',
  '-',
  '*',
  '/',
  '%',
  '<',
  '>',
  '!',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  '?',
];

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const TEMPLATE = /\{\{([^{}]*)\}\}/y;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', v: '\v' };

export function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '{' && src[i + 1] === '{') {
      TEMPLATE.lastIndex = i;
      const m = TEMPLATE.exec(src);
      const ref = m ? parsePath(m[1]!) : null;
      if (m && ref) {
        tokens.push({ t: 'ref', ref, pos: i });
        i += m[0].length;
        continue;
      }
    }
    if ((c >= '0' && c <= '9') || (c === '.' && /\d/.test(src[i + 1] ?? ''))) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(src)!;
      tokens.push({ t: 'num', value: Number(m[0]), pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      const [value, end] = readString(src, i);
      tokens.push({ t: 'str', value, pos: i });
      i = end;
      continue;
    }
    NAME.lastIndex = i;
    const name = NAME.exec(src);
    if (name) {
      tokens.push({ t: 'name', value: name[0], pos: i });
      i += name[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) {
      if (c === '=') throw new ExpressionError(`"=" is not allowed; use "==" to compare`, i);
      throw new ExpressionError(`unexpected character ${JSON.stringify(c)}`, i);
    }
    tokens.push({ t: 'op', value: op, pos: i });
    i += op.length;
  }
  tokens.push({ t: 'eof', pos: src.length });
  return tokens;
}

/** A quoted string with the usual escapes; returns the value and the index after the quote. */
function readString(src: string, start: number): [string, number] {
  const quote = src[start];
  let out = '';
  let i = start + 1;
  while (i < src.length) {
    const c = src[i]!;
    if (c === quote) return [out, i + 1];
    if (c === '\\') {
      const n = src[i + 1];
      if (n === undefined) break;
      if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
        out += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
        i += 6;
        continue;
      }
      out += ESCAPES[n] ?? n;
      i += 2;
      continue;
    }
    out += c;
    i++;
  }
  throw new ExpressionError('unterminated string', start);
}
