import { defineNode } from '../types.js';

/** End of a While loop body: back to the paired WhileLoopStartNode (or the innermost loop). */
export const whileLoopEndNode = defineNode({
  type: 'WhileLoopEndNode',
  family: 'control',
  description: 'Ends one iteration of a While loop.',
  config: { paired_start_id: { type: 'string', default: '', description: 'Id of the WhileLoopStartNode.' } },
  rerunSafe: true,
  control: 'loop-end',
  execute: () => undefined,
});
