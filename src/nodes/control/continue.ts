import { defineNode } from '../types.js';

/** Skips to the next iteration of the loop it names, else of the innermost running loop. */
export const continueNode = defineNode({
  type: 'ContinueNode',
  family: 'control',
  description: 'Skips the rest of a loop iteration.',
  config: { paired_loop_start_id: { type: 'string', default: '' } },
  rerunSafe: true,
  control: 'continue',
  execute: () => undefined,
});
