import type { NodeDefinition } from '../types.js';
import { createDictNode } from './create-dict.js';
import { formatStringNode } from './format-string.js';
import { getVariableNode } from './get-variable.js';
import { incrementVariableNode } from './increment-variable.js';
import { setVariableNode } from './set-variable.js';

/** Variables and small data builders. */
export const dataNodes: readonly NodeDefinition[] = [
  setVariableNode,
  getVariableNode,
  incrementVariableNode,
  createDictNode,
  formatStringNode,
];
