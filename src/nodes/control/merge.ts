import { defineNode } from '../types.js';

/** Joins branches; the engine runs a join once per path, so it fires once after If/Switch. */
export const mergeNode = defineNode({
  type: 'MergeNode',
  family: 'control',
  description: 'Joins several execution paths into one.',
  config: {},
  rerunSafe: true,
  execute: () => undefined,
});
