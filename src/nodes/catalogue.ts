import { controlNodes } from './control/index.js';
import { dataNodes } from './data/index.js';
import { mathNodes } from './math/index.js';
import { NodeRegistry } from './registry.js';
import type { NodeDefinition } from './types.js';
import { utilityNodes } from './utility/index.js';

/**
 * The built-in node catalogue. A new family is a folder with an index exporting its
 * definitions, added here. Families with heavy dependencies (browser, desktop) should import
 * them inside execute, so that loading the catalogue stays cheap.
 */
export const builtinNodes: readonly NodeDefinition[] = [
  ...controlNodes,
  ...dataNodes,
  ...mathNodes,
  ...utilityNodes,
];

export const defaultRegistry = new NodeRegistry(builtinNodes);
