import { defineNode } from '../types.js';

/** Ends its branch (other pending branches still run), as in CasareRPA. */
export const endNode = defineNode({
  type: 'EndNode',
  family: 'control',
  description: 'End of a workflow branch.',
  config: {},
  execOutputs: [],
  rerunSafe: true,
  execute: () => ({ next: [] }),
});
