import { defineNode } from '../types.js';

/** CasareRPA's entry point; when a file has one, only StartNodes start the run. */
export const startNode = defineNode({
  type: 'StartNode',
  family: 'control',
  description: 'Entry point of the workflow.',
  config: {},
  rerunSafe: true,
  execute: () => undefined,
});
