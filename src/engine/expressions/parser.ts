import { compileTemplate } from '../templates/compile.js';
import type { ArithOp, CompareOp, Expr } from './ast.js';
import { ExpressionError } from './errors.js';
import { type Token, tokenize } from './tokenizer.js';

/** Hostile-input limits: both give a clear EXPRESSION_ERROR instead of a stack overflow. */
export const MAX_EXPRESSION_LENGTH = 10_000;
export const MAX_NESTING = 64;
/** Bounds the height of left-leaning operator chains, which are built without recursion. */
export const MAX_OPERATORS = 1_000;

const CONSTANTS: Record<string, unknown> = {
  True: true,
  true: true,
  False: false,
  false: false,
  None: null,
  null: null,
};
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'is', 'if', 'else', 'lambda', 'for', 'import']);
const BLOCKED_MEMBERS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Recursive descent over Python's precedence, with JS spellings mapped in:
 * ternary (`a if c else b`, `c ? a : b`) < or/|| < and/&& < not < comparisons (chained) <
 * + - < * / // % < unary - + ! < ** < postfix (.name, [i], [a:b], calls) < atoms.
 * JS `!` binds like unary minus (as in JS); Python `not` binds looser than comparisons.
 */
export function parseExpression(src: string): Expr {
  if (src.length > MAX_EXPRESSION_LENGTH) {
    throw new ExpressionError(
      `expression is too long (${src.length} characters, limit ${MAX_EXPRESSION_LENGTH})`,
    );
  }
  const parser = new Parser(tokenize(src));
  const expr = parser.ternary();
  parser.expectEnd();
  return expr;
}

class Parser {
  private i = 0;
  private depth = 0;
  private operators = 0;

  constructor(private readonly tokens: Token[]) {}

  expectEnd(): void {
    const tok = this.peek();
    if (tok.t !== 'eof') throw new ExpressionError(`unexpected ${describe(tok)}`, tok.pos);
  }

  ternary(): Expr {
    this.enter();
    let expr = this.or();
    if (this.isName('if')) {
      this.i++;
      const test = this.or();
      this.expectName('else');
      expr = { k: 'cond', test, ifTrue: expr, ifFalse: this.ternary() };
    } else if (this.isOp('?')) {
      this.i++;
      const ifTrue = this.ternary();
      this.expectOp(':');
      expr = { k: 'cond', test: expr, ifTrue, ifFalse: this.ternary() };
    }
    this.depth--;
    return expr;
  }

  private or(): Expr {
    let left = this.and();
    while (this.isName('or') || this.isOp('||')) {
      this.i++;
      this.countOperator();
      left = { k: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): Expr {
    let left = this.not();
    while (this.isName('and') || this.isOp('&&')) {
      this.i++;
      this.countOperator();
      left = { k: 'and', left, right: this.not() };
    }
    return left;
  }

  private not(): Expr {
    if (!this.isName('not')) return this.comparison();
    this.i++;
    this.enter();
    const arg = this.not();
    this.depth--;
    return { k: 'not', arg };
  }

  private comparison(): Expr {
    const first = this.additive();
    const ops: CompareOp[] = [];
    const rest: Expr[] = [];
    for (;;) {
      const op = this.compareOp();
      if (!op) break;
      this.countOperator();
      ops.push(op);
      rest.push(this.additive());
    }
    return ops.length === 0 ? first : { k: 'compare', first, ops, rest };
  }

  private compareOp(): CompareOp | null {
    const tok = this.peek();
    if (tok.t === 'op') {
      const map: Record<string, CompareOp> = {
        '==': '==',
        '===': '==',
        '!=': '!=',
        '!==': '!=',
        '<': '<',
        '<=': '<=',
        '>': '>',
        '>=': '>=',
      };
      const op = map[tok.value];
      if (op) this.i++;
      return op ?? null;
    }
    if (tok.t !== 'name') return null;
    if (tok.value === 'in') {
      this.i++;
      return 'in';
    }
    if (tok.value === 'not' && this.isName('in', 1)) {
      this.i += 2;
      return 'not in';
    }
    if (tok.value === 'is') {
      this.i++;
      if (this.isName('not')) {
        this.i++;
        return 'is not';
      }
      return 'is';
    }
    return null;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    while (this.isOp('+') || this.isOp('-')) {
      const op = (this.next() as { value: ArithOp }).value;
      this.countOperator();
      left = { k: 'arith', op, left, right: this.multiplicative() };
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    while (this.isOp('*') || this.isOp('/') || this.isOp('//') || this.isOp('%')) {
      const op = (this.next() as { value: ArithOp }).value;
      this.countOperator();
      left = { k: 'arith', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): Expr {
    const tok = this.peek();
    if (tok.t === 'op' && (tok.value === '-' || tok.value === '+' || tok.value === '!')) {
      this.i++;
      this.enter();
      const arg = this.unary();
      this.depth--;
      return { k: tok.value === '-' ? 'neg' : tok.value === '+' ? 'pos' : 'not', arg };
    }
    return this.power();
  }

  private power(): Expr {
    const base = this.postfix();
    if (!this.isOp('**')) return base;
    this.i++;
    this.enter();
    const exponent = this.unary();
    this.depth--;
    return { k: 'arith', op: '**', left: base, right: exponent };
  }

  private postfix(): Expr {
    let expr = this.atom();
    for (;;) {
      if (this.isOp('.')) {
        this.i++;
        const tok = this.next();
        if (tok.t !== 'name') throw new ExpressionError('expected a name after "."', tok.pos);
        if (BLOCKED_MEMBERS.has(tok.value) || tok.value.startsWith('__')) {
          throw new ExpressionError(`access to "${tok.value}" is not allowed`, tok.pos);
        }
        if (this.isOp('(')) {
          expr = { k: 'method', object: expr, name: tok.value, args: this.args() };
        } else {
          expr = { k: 'member', object: expr, name: tok.value };
        }
      } else if (this.isOp('[')) {
        expr = this.subscript(expr);
      } else if (this.isOp('(')) {
        const pos = this.peek().pos;
        if (expr.k !== 'name') throw new ExpressionError('only built-in functions can be called', pos);
        expr = { k: 'call', name: expr.name, args: this.args() };
      } else {
        return expr;
      }
    }
  }

  private subscript(object: Expr): Expr {
    this.i++; // [
    this.enter();
    const part = () => (this.isOp(':') || this.isOp(']') ? null : this.ternary());
    const start = part();
    let result: Expr;
    if (this.isOp(':')) {
      this.i++;
      const stop = part();
      let step: Expr | null = null;
      if (this.isOp(':')) {
        this.i++;
        step = part();
      }
      result = { k: 'slice', object, start, stop, step };
    } else {
      if (!start) throw new ExpressionError('empty index', this.peek().pos);
      result = { k: 'index', object, index: start };
    }
    this.expectOp(']');
    this.depth--;
    return result;
  }

  private args(): Expr[] {
    return this.sequence('(', ')');
  }

  /** Comma-separated expressions between brackets; a trailing comma is allowed. */
  private sequence(open: string, close: string): Expr[] {
    this.expectOp(open);
    this.enter();
    const items: Expr[] = [];
    while (!this.isOp(close)) {
      items.push(this.ternary());
      if (!this.isOp(',')) break;
      this.i++;
    }
    this.expectOp(close);
    this.depth--;
    return items;
  }

  private atom(): Expr {
    const tok = this.peek();
    switch (tok.t) {
      case 'num':
        this.i++;
        return { k: 'lit', value: tok.value };
      case 'str': {
        this.i++;
        const template = compileTemplate(tok.value);
        return template.kind === 'text' ? { k: 'lit', value: tok.value } : { k: 'interp', template };
      }
      case 'ref':
        this.i++;
        return { k: 'ref', ref: tok.ref };
      case 'name': {
        if (Object.hasOwn(CONSTANTS, tok.value)) {
          this.i++;
          return { k: 'lit', value: CONSTANTS[tok.value] };
        }
        if (KEYWORDS.has(tok.value)) throw new ExpressionError(`unexpected "${tok.value}"`, tok.pos);
        if (tok.value.startsWith('__'))
          throw new ExpressionError(`access to "${tok.value}" is not allowed`, tok.pos);
        this.i++;
        return { k: 'name', name: tok.value };
      }
      case 'op':
        if (tok.value === '(') {
          const items = this.sequence('(', ')');
          if (items.length === 1) return items[0]!;
          return { k: 'list', items };
        }
        if (tok.value === '[') return { k: 'list', items: this.sequence('[', ']') };
        if (tok.value === '{') return this.dict();
        throw new ExpressionError(`unexpected ${describe(tok)}`, tok.pos);
      case 'eof':
        throw new ExpressionError('unexpected end of expression', tok.pos);
    }
  }

  private dict(): Expr {
    this.expectOp('{');
    this.enter();
    const entries: [Expr, Expr][] = [];
    while (!this.isOp('}')) {
      const key = this.ternary();
      this.expectOp(':');
      entries.push([key, this.ternary()]);
      if (!this.isOp(',')) break;
      this.i++;
    }
    this.expectOp('}');
    this.depth--;
    return { k: 'dict', entries };
  }

  private countOperator(): void {
    if (++this.operators > MAX_OPERATORS) {
      throw new ExpressionError(
        `expression has too many operators (limit ${MAX_OPERATORS})`,
        this.peek().pos,
      );
    }
  }

  private enter(): void {
    if (++this.depth > MAX_NESTING) {
      throw new ExpressionError(`expression is nested too deeply (limit ${MAX_NESTING})`, this.peek().pos);
    }
  }

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.i + offset, this.tokens.length - 1)]!;
  }
  private next(): Token {
    return this.tokens[this.i++]!;
  }
  private isOp(value: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.t === 'op' && tok.value === value;
  }
  private isName(value: string, offset = 0): boolean {
    const tok = this.peek(offset);
    return tok.t === 'name' && tok.value === value;
  }
  private expectOp(value: string): void {
    const tok = this.peek();
    if (!this.isOp(value))
      throw new ExpressionError(`expected "${value}" but found ${describe(tok)}`, tok.pos);
    this.i++;
  }
  private expectName(value: string): void {
    const tok = this.peek();
    if (!this.isName(value))
      throw new ExpressionError(`expected "${value}" but found ${describe(tok)}`, tok.pos);
    this.i++;
  }
}

function describe(tok: Token): string {
  switch (tok.t) {
    case 'eof':
      return 'end of expression';
    case 'num':
      return `number ${tok.value}`;
    case 'str':
      return 'string';
    case 'ref':
      return `{{${tok.ref.text}}}`;
    default:
      return `"${tok.value}"`;
  }
}
