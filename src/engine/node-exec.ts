import type { CasareError } from '../errors.js';
import type { NodeControl, NodeResult } from '../nodes/types.js';
import { resolveConfig } from './config.js';
import { NodeRunContext } from './context.js';
import { EngineErrorCode, systemError, toNodeError } from './errors.js';
import type { CompiledNode } from './graph.js';
import type { Run } from './run-state.js';

const NO_CONTROL: NodeControl = Object.freeze({});
const EMPTY_OUTPUTS: Readonly<Record<string, unknown>> = Object.freeze({});
const EXEC_OUT: readonly string[] = Object.freeze(['exec_out']);

/** Exec ports chosen by one node execution. */
export interface NodeStep {
  readonly ports: readonly string[];
}

/**
 * Runs one node: resolves its config, calls execute with a timeout and the run's abort
 * signal, records the trace, stores outputs. A failed node is retried (with backoff) when it
 * is rerun-safe, the failure is retryable and settings.retry_count allows; other failures
 * are thrown as CasareErrors naming the node.
 */
export async function executeNode(
  run: Run,
  node: CompiledNode,
  control: NodeControl = NO_CONTROL,
): Promise<NodeStep> {
  const maxAttempts = 1 + (node.def.rerunSafe ? run.retryCount : 0);
  run.currentNode = node.id;
  for (let attempt = 1; ; attempt++) {
    const t0 = performance.now();
    let ctx: NodeRunContext | undefined;
    try {
      const inputs = node.dataInputs.length > 0 ? collectInputs(run, node) : null;
      const config = resolveConfig(node.config, run.scope, node.id, inputs);
      ctx = new NodeRunContext(run, node, config, attempt, control);
      let result = node.def.execute(ctx);
      if (isPromiseLike(result)) result = await guard(run, node, ctx, result);
      run.record(node.id, attempt, 'completed', t0);
      run.scope.outputs.set(node.id, result?.outputs ?? EMPTY_OUTPUTS);
      return { ports: portsOf(result) };
    } catch (err) {
      if (run.abortError) {
        run.record(node.id, attempt, 'cancelled', t0);
        throw run.abortError;
      }
      const error = toNodeError(err, node.id);
      run.record(node.id, attempt, 'failed', t0);
      if (attempt < maxAttempts && error.retryable) {
        run.log('warning', node.id, `attempt ${attempt} failed (${error.code}: ${error.message}); retrying`);
        await run.sleep(Math.min(100 * 2 ** (attempt - 1), 2_000));
        continue;
      }
      throw error;
    } finally {
      ctx?.dispose();
    }
  }
}

function portsOf(result: NodeResult | undefined): readonly string[] {
  const next = result?.next;
  if (next === undefined) return EXEC_OUT;
  return typeof next === 'string' ? [next] : next;
}

function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

/** Values arriving over data connections from nodes that have already produced them. */
function collectInputs(run: Run, node: CompiledNode): Record<string, unknown> | null {
  let inputs: Record<string, unknown> | null = null;
  for (const d of node.dataInputs) {
    const out = run.scope.outputs.get(d.from);
    if (out && Object.hasOwn(out, d.fromPort) && out[d.fromPort] !== undefined) {
      inputs ??= {};
      inputs[d.port] = out[d.fromPort];
    }
  }
  return inputs;
}

/** Waits for an asynchronous node, bounded by its timeout and by the run's abort. */
function guard(
  run: Run,
  node: CompiledNode,
  ctx: NodeRunContext,
  pending: PromiseLike<NodeResult | undefined>,
): Promise<NodeResult | undefined> {
  const own = node.def.timeoutMs;
  const timeoutMs = (typeof own === 'function' ? own(ctx.config) : own) ?? run.nodeTimeoutMs;
  return new Promise((resolve, reject) => {
    const signal = run.controller.signal;
    let settled = false;
    const settle = () => {
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    const fail = (error: CasareError | null) => {
      if (settled) return;
      settle();
      ctx.abort(error);
      reject(error);
    };
    const onAbort = () => fail(run.abortError);
    const timer = setTimeout(() => {
      const message = `node "${node.id}" (${node.type}) timed out after ${timeoutMs} ms`;
      fail(systemError(EngineErrorCode.NODE_TIMEOUT, message, true, node.id));
    }, timeoutMs);
    signal.addEventListener('abort', onAbort, { once: true });
    if (signal.aborted) onAbort();
    // The node may still settle after we gave up on it; these handlers keep that silent.
    pending.then(
      (value) => {
        if (settled) return;
        settle();
        resolve(value);
      },
      (err) => {
        if (settled) return;
        settle();
        reject(err);
      },
    );
  });
}
