import { type CompiledNode, targetsOf } from './graph.js';
import { executeNode } from './node-exec.js';
import type { Run } from './run-state.js';
import { runTry } from './try-block.js';

/**
 * Graph walking over exec ports.
 *
 * A path is a FIFO worklist (CasareRPA's queue order): a node's chosen exec ports append their
 * targets. Within one worklist each node runs at most once, so branches that fan in (Merge)
 * run the join once and stray cycles end. Loops and try blocks are structured: a loop start
 * runs its body as a fresh worklist per iteration, and a try block runs its region, catch and
 * finally as nested worklists. Break/Continue/LoopEnd end a body early with a signal that the
 * loop it names (or the innermost running loop) handles.
 */
export type Signal = { readonly kind: 'next' | 'break'; readonly loopId: string } | null;

export interface Flow {
  readonly next: readonly string[];
  readonly signal?: Signal;
}

export type PathRunner = (
  run: Run,
  starts: readonly string[],
  boundary?: ReadonlySet<string> | null,
  seen?: Set<string>,
) => Promise<Signal>;

export const runPath: PathRunner = async (run, starts, boundary = null, seen = new Set()) => {
  const queue = starts.slice();
  for (let qi = 0; qi < queue.length; qi++) {
    const id = queue[qi]!;
    if (boundary?.has(id)) continue;
    // An edge back into a running loop start is that loop's next iteration.
    if (run.frames.length > 0 && run.isRunningLoop(id)) return { kind: 'next', loopId: id };
    if (seen.has(id)) continue;
    seen.add(id);
    const node = run.workflow.nodes.get(id)!;
    const pause = run.checkpoint();
    if (pause) await pause;
    let flow: Flow;
    try {
      flow = await dispatch(run, node);
    } catch (err) {
      if (run.abortError || run.tryDepth > 0 || run.stopOnError) throw err;
      const e = err as { code?: string; message?: string };
      run.log(
        'error',
        id,
        `${e.code ?? 'ERROR'}: ${e.message ?? String(err)} (stop_on_error is off: this branch ends)`,
      );
      continue;
    }
    if (flow.signal) return flow.signal;
    for (const target of flow.next) queue.push(target);
  }
  return null;
};

function dispatch(run: Run, node: CompiledNode): Promise<Flow> {
  switch (node.control) {
    case 'loop-start':
      return runLoop(run, node);
    case 'try':
      return runTry(run, node, runPath);
    case 'loop-end':
      return jump(run, node, 'next');
    case 'break':
      return jump(run, node, 'break');
    case 'continue':
      return jump(run, node, 'next');
    default:
      return plain(run, node);
  }
}

export function portTargets(node: CompiledNode, ports: readonly string[]): readonly string[] {
  if (ports.length === 1) return targetsOf(node, ports[0]!);
  const out: string[] = [];
  for (const port of ports) for (const t of targetsOf(node, port)) if (!out.includes(t)) out.push(t);
  return out;
}

async function plain(run: Run, node: CompiledNode): Promise<Flow> {
  const step = await executeNode(run, node);
  return { next: portTargets(node, step.ports) };
}

/**
 * LoopEnd / Continue (kind 'next') and Break act on the loop they name when it is running,
 * else on the innermost running loop. A loop end naming a loop that is not running just
 * continues (CasareRPA: the loop already finished).
 */
async function jump(run: Run, node: CompiledNode, kind: 'next' | 'break'): Promise<Flow> {
  const step = await executeNode(run, node);
  const named = node.pairedLoop;
  let loopId: string | undefined;
  if (named !== undefined && run.isRunningLoop(named)) loopId = named;
  else if (named === undefined || node.control !== 'loop-end') loopId = run.innermostLoop();
  if (loopId === undefined) {
    if (node.control !== 'loop-end')
      run.log('warning', node.id, `${node.type} outside a running loop has no effect`);
    return { next: portTargets(node, step.ports) };
  }
  return { next: [], signal: { kind, loopId } };
}

/**
 * A loop start runs once per iteration (its execute picks `body` or `completed` and updates
 * `current_item` etc.); the body runs as its own worklist until it dead-ends or signals.
 */
async function runLoop(run: Run, node: CompiledNode): Promise<Flow> {
  const frame = { id: node.id, state: {} as Record<string, unknown> };
  run.frames.push(frame);
  try {
    for (;;) {
      const step = await executeNode(run, node, { loop: frame.state });
      if (!step.ports.includes('body')) return { next: afterLoop(run, node, step.ports) };
      const signal = await runPath(run, targetsOf(node, 'body'));
      if (signal) {
        if (signal.loopId !== node.id) return { next: [], signal };
        if (signal.kind === 'break') return { next: afterLoop(run, node, ['completed']) };
      }
      const pause = run.checkpoint();
      if (pause) await pause;
    }
  } finally {
    run.frames.pop();
  }
}

/** After a loop: its `completed` targets plus the exec_out of its paired loop ends. */
function afterLoop(run: Run, node: CompiledNode, ports: readonly string[]): readonly string[] {
  const ends = run.workflow.loopEnds.get(node.id);
  const next = portTargets(node, ports);
  if (!ends) return next;
  const out = [...next];
  for (const endId of ends) {
    const end = run.workflow.nodes.get(endId)!;
    for (const t of targetsOf(end, 'exec_out')) if (!out.includes(t)) out.push(t);
  }
  return out;
}
