import type { JobResult } from '../jobs/shapes.js';
import { setOwn } from './expressions/semantics.js';
import type { Run } from './run-state.js';

const MAX_DEPTH = 200;

/**
 * The contract's result shape. Values are made JSON-safe here, once, at the end of the run
 * (not per node): non-finite numbers become null, cycles and functions are dropped, dates
 * become ISO strings, so the queue can store the result as it is.
 */
export function buildResult(run: Run | null, started: number): JobResult {
  const variables: Record<string, unknown> = {};
  const outputs: Record<string, Record<string, unknown>> = {};
  if (run) {
    for (const [name, value] of run.scope.vars) setOwn(variables, name, jsonSafe(value, new Set(), 0));
    for (const [id, out] of run.scope.outputs) {
      if (Object.keys(out).length > 0)
        setOwn(outputs, id, jsonSafe(out, new Set(), 0) as Record<string, unknown>);
    }
  }
  return {
    variables,
    outputs,
    executed_nodes: run?.executed ?? 0,
    duration_ms: Math.round((performance.now() - started) * 1000) / 1000,
    trace: run?.traceEntries() ?? [],
  };
}

export function jsonSafe(value: unknown, seen: Set<object>, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return null;
  }
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value) || depth >= MAX_DEPTH) return null;
  seen.add(value);
  let out: unknown;
  if (Array.isArray(value)) {
    out = value.map((v) => jsonSafe(v, seen, depth + 1));
  } else {
    const obj: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || typeof v === 'function') continue;
      setOwn(obj, k, jsonSafe(v, seen, depth + 1));
    }
    out = obj;
  }
  seen.delete(value);
  return out;
}
