import type { NodeDefinition } from '../types.js';
import { comparisonNode } from './comparison.js';
import { mathOperationNode } from './math-operation.js';

/** Arithmetic and comparison. */
export const mathNodes: readonly NodeDefinition[] = [mathOperationNode, comparisonNode];
