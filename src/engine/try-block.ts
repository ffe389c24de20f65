import { CasareError } from '../errors.js';
import { toNodeError } from './errors.js';
import type { Flow, PathRunner, Signal } from './executor.js';
import { type CompiledNode, targetsOf } from './graph.js';
import { executeNode } from './node-exec.js';
import type { Run } from './run-state.js';

/**
 * A try block: TryNode plus its paired CatchNode and FinallyNode (see pairing.ts).
 *
 * 1. The protected region is the path from Try's `try_body`, or from `exec_out` when
 *    `try_body` is unconnected (the chain style); it ends where its paths end or reach the
 *    block's Catch/Finally.
 * 2. If a node in it fails (after its own retries), the region stops and the Catch runs
 *    with the error (outputs error_message, error_type, ...), then its `catch_body`.
 *    Catch's `exec_out` is the path after the catch either way; with a Finally it runs
 *    inside the block (the chain style's way to the Finally).
 * 3. The Finally runs whatever happened (outputs had_error), then its `finally_body`.
 * 4. An error not handled (no Catch, a filtered-out type, or one raised in the catch phase)
 *    is rethrown after the finally phase; so is a Break/Continue leaving the block.
 * 5. The run continues with Finally's `exec_out`, or without a Finally with Catch's
 *    `exec_out`, plus Try's `exec_out` when the region was `try_body`.
 * Cancellation and the job timeout are never caught.
 */
export async function runTry(run: Run, node: CompiledNode, runPath: PathRunner): Promise<Flow> {
  const block = run.workflow.tries.get(node.id) ?? {};
  const catchNode = block.catchId ? run.workflow.nodes.get(block.catchId) : undefined;
  const finallyNode = block.finallyId ? run.workflow.nodes.get(block.finallyId) : undefined;
  await executeNode(run, node);

  const usesBody = node.exec.has('try_body');
  const handlers = new Set<string>();
  if (catchNode) handlers.add(catchNode.id);
  if (finallyNode) handlers.add(finallyNode.id);
  const toFinally = finallyNode ? new Set([finallyNode.id]) : null;
  const next: string[] = [];

  /** Runs a protected phase: failures are collected for the block instead of propagating. */
  const guarded = async (
    fn: () => Promise<Signal>,
  ): Promise<{ signal: Signal; failure: CasareError | null }> => {
    run.tryDepth++;
    try {
      return { signal: await fn(), failure: null };
    } catch (err) {
      if (run.abortError) throw err;
      const failure = err instanceof CasareError ? err : toNodeError(err, run.currentNode ?? node.id);
      return { signal: null, failure };
    } finally {
      run.tryDepth--;
    }
  };

  let { signal, failure } = await guarded(() =>
    runPath(run, targetsOf(node, usesBody ? 'try_body' : 'exec_out'), handlers),
  );
  const hadError = failure !== null;

  if (catchNode && !signal) {
    const error = failure;
    ({ signal, failure } = await guarded(async () => {
      const step = await executeNode(run, catchNode, { error: error ? error.toJobError() : null });
      if (step.ports.includes('catch_body')) {
        const s = await runPath(run, targetsOf(catchNode, 'catch_body'), toFinally);
        if (s) return s;
      }
      if (toFinally) return runPath(run, targetsOf(catchNode, 'exec_out'), toFinally);
      next.push(...targetsOf(catchNode, 'exec_out'));
      return null;
    }));
  }

  if (finallyNode) {
    await executeNode(run, finallyNode, { hadError });
    const s = await runPath(run, targetsOf(finallyNode, 'finally_body'));
    signal ??= s;
    next.push(...targetsOf(finallyNode, 'exec_out'));
  }

  if (failure) throw failure;
  if (signal) return { next: [], signal };
  if (usesBody) next.push(...targetsOf(node, 'exec_out'));
  return { next };
}
