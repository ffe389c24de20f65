import { defineNode } from '../types.js';

/** End of a For loop body: back to the paired ForLoopStartNode (or the innermost loop). */
export const forLoopEndNode = defineNode({
  type: 'ForLoopEndNode',
  family: 'control',
  description: 'Ends one iteration of a For loop.',
  config: { paired_start_id: { type: 'string', default: '', description: 'Id of the ForLoopStartNode.' } },
  rerunSafe: true,
  control: 'loop-end',
  execute: () => undefined,
});
