import { defineNode } from '../types.js';

/** A note on the canvas: never a start node, never executed by its own. */
export const commentNode = defineNode({
  type: 'CommentNode',
  family: 'utility',
  description: 'Documentation only; does nothing.',
  config: { comment: { type: 'string', default: '' } },
  rerunSafe: true,
  control: 'annotation',
  execute: () => undefined,
});
