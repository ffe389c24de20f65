/**
 * Try/Catch/Finally pairing. CasareRPA keeps the pairing on node instances and often loses it
 * on save (TryNode has no config; CatchNode/FinallyNode may carry `paired_try_id`), so it is
 * inferred, in this order:
 *  1. explicit ids: Catch/Finally `paired_try_id`, Try `paired_catch_id` / `paired_finally_id`;
 *  2. the chain style (node_tests/batch_7_2: Try → … → Catch → Finally by exec_out): the
 *     nearest TryNode upstream along exec connections that still lacks that handler;
 *  3. the side-by-side style (Try, Catch, Finally created together, unconnected): the k-th
 *     unpaired Catch (Finally) pairs with the k-th Try lacking one, in file order.
 */
export interface TryBlock {
  catchId?: string;
  finallyId?: string;
}

export interface PairingInput {
  /** Node ids in file order with their control kind and raw config. */
  readonly nodes: readonly { id: string; control: string | undefined; config: Record<string, unknown> }[];
  /** Exec predecessors of each node. */
  readonly incoming: ReadonlyMap<string, readonly string[]>;
}

export function pairTryBlocks(input: PairingInput): Map<string, TryBlock> {
  const blocks = new Map<string, TryBlock>();
  const control = new Map(input.nodes.map((n) => [n.id, n.control]));
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);
  for (const n of input.nodes) if (n.control === 'try') blocks.set(n.id, {});

  const slot = (kind: 'catch' | 'finally') => (kind === 'catch' ? 'catchId' : 'finallyId');
  const pending: { id: string; kind: 'catch' | 'finally' }[] = [];
  const assign = (tryId: string, kind: 'catch' | 'finally', id: string) => {
    const block = blocks.get(tryId);
    if (!block || block[slot(kind)] !== undefined) return false;
    block[slot(kind)] = id;
    return true;
  };

  // 1. Explicit ids, from either side.
  for (const n of input.nodes) {
    if (n.control === 'try') {
      const c = str(n.config.paired_catch_id);
      const f = str(n.config.paired_finally_id);
      if (c && control.get(c) === 'catch') assign(n.id, 'catch', c);
      if (f && control.get(f) === 'finally') assign(n.id, 'finally', f);
    }
  }
  const taken = new Set<string>();
  for (const b of blocks.values()) {
    if (b.catchId) taken.add(b.catchId);
    if (b.finallyId) taken.add(b.finallyId);
  }
  for (const n of input.nodes) {
    if ((n.control !== 'catch' && n.control !== 'finally') || taken.has(n.id)) continue;
    const explicit = str(n.config.paired_try_id);
    if (explicit && assign(explicit, n.control, n.id)) continue;
    pending.push({ id: n.id, kind: n.control });
  }

  // 2. Nearest Try upstream, breadth-first over exec predecessors.
  const unplaced: typeof pending = [];
  for (const p of pending) {
    if (!assignUpstream(p, input.incoming, control, assign)) unplaced.push(p);
  }

  // 3. File order.
  for (const p of unplaced) {
    for (const tryId of blocks.keys()) if (assign(tryId, p.kind, p.id)) break;
  }
  return blocks;
}

function assignUpstream(
  p: { id: string; kind: 'catch' | 'finally' },
  incoming: ReadonlyMap<string, readonly string[]>,
  control: ReadonlyMap<string, string | undefined>,
  assign: (tryId: string, kind: 'catch' | 'finally', id: string) => boolean,
): boolean {
  const seen = new Set([p.id]);
  let frontier = [p.id];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const pred of incoming.get(id) ?? []) {
        if (seen.has(pred)) continue;
        seen.add(pred);
        if (control.get(pred) === 'try' && assign(pred, p.kind, p.id)) return true;
        next.push(pred);
      }
    }
    frontier = next;
  }
  return false;
}
