import { EngineErrorCode, workflowError } from '../errors.js';
import { stepInto } from '../templates/path.js';
import type { Expr } from './ast.js';
import { type ExpressionScope, evaluate } from './interpreter.js';
import { parseExpression } from './parser.js';

export type { Expr } from './ast.js';
export { ExpressionError } from './errors.js';
export { type ExpressionScope, evaluate } from './interpreter.js';
export { MAX_EXPRESSION_LENGTH, MAX_NESTING, parseExpression } from './parser.js';
export { compareValues, equals, truthy, typeName } from './semantics.js';

const CACHE_LIMIT = 512;
const cache = new Map<string, Expr>();

/**
 * Parses with a small bounded cache, for expressions built at run time (nodes calling
 * ctx.evaluate). Config expressions are compiled once per workflow instead.
 */
export function compileExpression(src: string): Expr {
  let expr = cache.get(src);
  if (!expr) {
    expr = parseExpression(src);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(src, expr);
  }
  return expr;
}

/** Parses and evaluates in one step; an empty expression is null (CasareRPA's safe_eval). */
export function evaluateExpression(src: string, scope: ExpressionScope): unknown {
  if (src.trim() === '') return null;
  return evaluate(compileExpression(src), scope);
}

/** Adds local names (e.g. `item` in a list filter) in front of a scope. */
export function withLocals(
  scope: ExpressionScope,
  locals: Readonly<Record<string, unknown>>,
): ExpressionScope {
  return {
    resolveRef: (ref) => {
      if (!Object.hasOwn(locals, ref.root)) return scope.resolveRef(ref);
      let value = locals[ref.root];
      for (const segment of ref.segments) {
        const step = stepInto(value, segment);
        if (!step.ok) {
          throw workflowError(
            EngineErrorCode.TEMPLATE_UNRESOLVED,
            `template {{${ref.text}}} cannot be resolved: ${step.reason}`,
          );
        }
        value = step.value;
      }
      return value;
    },
    lookupName: (name) =>
      Object.hasOwn(locals, name) ? { found: true, value: locals[name] } : scope.lookupName(name),
  };
}
