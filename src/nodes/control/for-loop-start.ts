import { isPlainObject } from '../../engine/expressions/semantics.js';
import { nodeFailure } from '../failure.js';
import { defineNode, type NodeContext } from '../types.js';

interface Sequence {
  readonly length: number;
  at(i: number): { item: unknown; key: unknown };
}

/**
 * Start of a For loop (paired with ForLoopEndNode). Runs once per iteration: `body` with
 * `current_item` / `current_index` / `current_key`, then `completed`. Items mode iterates a
 * list, a dict (values, keys in current_key), a string (characters) or a single value;
 * with no items it falls back to range(start, end, step) as CasareRPA does. Like
 * CasareRPA it also sets the variables `<item_var>` and `<item_var>_index` (default `item`).
 */
export const forLoopStartNode = defineNode({
  type: 'ForLoopStartNode',
  family: 'control',
  description: 'Iterates over items or a numeric range.',
  config: {
    mode: { type: 'choice', choices: ['items', 'range'], default: 'items' },
    items: { type: 'any', description: 'List, dict or string to iterate.' },
    list_var: {
      type: 'string',
      default: '',
      description: 'Variable holding the list (when items is empty).',
    },
    item_var: { type: 'string', default: 'item', description: 'Variable set to the current item.' },
    start: { type: 'integer', default: 0 },
    end: { type: 'integer', default: 10 },
    step: { type: 'integer', default: 1 },
  },
  inputs: [
    { name: 'items', type: 'any' },
    { name: 'end', type: 'integer' },
  ],
  outputs: [
    { name: 'current_item', type: 'any' },
    { name: 'current_index', type: 'integer' },
    { name: 'current_key', type: 'any' },
  ],
  execOutputs: [{ name: 'body', aliases: ['loop_body'] }, { name: 'completed' }],
  rerunSafe: true,
  control: 'loop-start',
  execute(ctx) {
    const state = ctx.control.loop as { seq?: Sequence; index?: number; last?: Record<string, unknown> };
    state.seq ??= sequenceOf(ctx);
    const index = state.index ?? 0;
    if (index >= state.seq.length) {
      return { outputs: { ...(state.last ?? {}), iterations: index }, next: 'completed' };
    }
    const { item, key } = state.seq.at(index);
    const itemVar = ctx.config.item_var as string;
    if (itemVar) {
      ctx.variables.set(itemVar, item);
      ctx.variables.set(`${itemVar}_index`, index);
      if (key !== null) ctx.variables.set(`${itemVar}_key`, key);
    }
    state.index = index + 1;
    state.last = { current_item: item, current_index: index, current_key: key };
    return { outputs: state.last, next: 'body' };
  },
});

function sequenceOf(ctx: NodeContext): Sequence {
  const c = ctx.config;
  let items = c.mode === 'range' ? undefined : c.items;
  if ((items === undefined || items === null) && c.mode !== 'range' && c.list_var)
    items = ctx.variables.get(c.list_var as string);
  if (items === undefined || items === null)
    return range(c.start as number, c.end as number, c.step as number);
  if (Array.isArray(items)) return { length: items.length, at: (i) => ({ item: items[i], key: null }) };
  if (isPlainObject(items)) {
    const keys = Object.keys(items);
    return { length: keys.length, at: (i) => ({ item: items[keys[i]!], key: keys[i] }) };
  }
  if (typeof items === 'string') {
    const chars = Array.from(items);
    return { length: chars.length, at: (i) => ({ item: chars[i], key: null }) };
  }
  return { length: 1, at: () => ({ item: items, key: null }) };
}

/** Python's range(start, end, step), computed lazily (range(0, 1e9) costs nothing up front). */
function range(start: number, end: number, step: number): Sequence {
  if (step === 0) throw nodeFailure('step must not be zero');
  const length = Math.max(0, Math.ceil((end - start) / step));
  return { length, at: (i) => ({ item: start + i * step, key: null }) };
}
