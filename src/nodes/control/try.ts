import { defineNode } from '../types.js';

/**
 * Start of a try block; the engine runs the region, the paired CatchNode and FinallyNode
 * (see src/engine/try-block.ts for the exact semantics and src/engine/pairing.ts for pairing).
 */
export const tryNode = defineNode({
  type: 'TryNode',
  family: 'control',
  description: 'Protects the nodes after it: failures go to the paired Catch, then Finally runs.',
  config: {
    paired_catch_id: { type: 'string', default: '' },
    paired_finally_id: { type: 'string', default: '' },
  },
  execOutputs: [{ name: 'try_body' }, { name: 'exec_out' }],
  rerunSafe: true,
  control: 'try',
  execute: () => undefined,
});
