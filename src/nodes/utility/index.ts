import type { NodeDefinition } from '../types.js';
import { commentNode } from './comment.js';
import { logNode } from './log.js';

/** Logging and annotations. */
export const utilityNodes: readonly NodeDefinition[] = [logNode, commentNode];
