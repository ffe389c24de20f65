import { defineNode } from '../types.js';

/** Leaves the loop it names in paired_loop_start_id, else the innermost running loop. */
export const breakNode = defineNode({
  type: 'BreakNode',
  family: 'control',
  description: 'Exits a loop.',
  config: { paired_loop_start_id: { type: 'string', default: '' } },
  rerunSafe: true,
  control: 'break',
  execute: () => undefined,
});
