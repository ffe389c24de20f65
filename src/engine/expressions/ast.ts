import type { Template } from '../templates/compile.js';
import type { RefPath } from '../templates/path.js';

export type CompareOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';
export type ArithOp = '+' | '-' | '*' | '/' | '//' | '%' | '**';

export type Expr =
  | { readonly k: 'lit'; readonly value: unknown }
  /** A string literal containing `{{refs}}`: rendered as text. */
  | { readonly k: 'interp'; readonly template: Template }
  /** `{{path}}` outside strings: the referenced value, type kept. */
  | { readonly k: 'ref'; readonly ref: RefPath }
  | { readonly k: 'name'; readonly name: string }
  | { readonly k: 'neg' | 'pos' | 'not'; readonly arg: Expr }
  | { readonly k: 'arith'; readonly op: ArithOp; readonly left: Expr; readonly right: Expr }
  | { readonly k: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | {
      readonly k: 'compare';
      readonly first: Expr;
      readonly ops: readonly CompareOp[];
      readonly rest: readonly Expr[];
    }
  | { readonly k: 'cond'; readonly test: Expr; readonly ifTrue: Expr; readonly ifFalse: Expr }
  | { readonly k: 'list'; readonly items: readonly Expr[] }
  | { readonly k: 'dict'; readonly entries: readonly (readonly [Expr, Expr])[] }
  | { readonly k: 'member'; readonly object: Expr; readonly name: string }
  | { readonly k: 'index'; readonly object: Expr; readonly index: Expr }
  | {
      readonly k: 'slice';
      readonly object: Expr;
      readonly start: Expr | null;
      readonly stop: Expr | null;
      readonly step: Expr | null;
    }
  | { readonly k: 'call'; readonly name: string; readonly args: readonly Expr[] }
  | { readonly k: 'method'; readonly object: Expr; readonly name: string; readonly args: readonly Expr[] };
