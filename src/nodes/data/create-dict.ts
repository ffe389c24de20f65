import { setOwn } from '../../engine/expressions/semantics.js';
import { renderValue } from '../../engine/templates/render.js';
import { defineNode } from '../types.js';

const KEY = /^key_(\d+)$/;

/**
 * Builds a dict from `key_N` / `value_N` pairs (CasareRPA has three; any N works here),
 * in N order. Values keep their types; empty keys are skipped.
 */
export const createDictNode = defineNode({
  type: 'CreateDictNode',
  family: 'data',
  description: 'Creates a dict from key/value pairs.',
  config: {},
  outputs: [{ name: 'dict', type: 'dict' }],
  rerunSafe: true,
  execute(ctx) {
    const pairs: [number, string][] = [];
    for (const key of Object.keys(ctx.config)) {
      const m = KEY.exec(key);
      if (m) pairs.push([Number(m[1]), key]);
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const dict: Record<string, unknown> = {};
    for (const [n, key] of pairs) {
      const name = ctx.config[key];
      if (name === null || name === undefined || name === '') continue;
      setOwn(dict, typeof name === 'string' ? name : renderValue(name), ctx.config[`value_${n}`] ?? null);
    }
    return { outputs: { dict } };
  },
});
