import type { NodeDefinition } from '../types.js';
import { breakNode } from './break.js';
import { catchNode } from './catch.js';
import { continueNode } from './continue.js';
import { endNode } from './end.js';
import { finallyNode } from './finally.js';
import { forLoopEndNode } from './for-loop-end.js';
import { forLoopStartNode } from './for-loop-start.js';
import { ifNode } from './if.js';
import { mergeNode } from './merge.js';
import { startNode } from './start.js';
import { switchNode } from './switch.js';
import { tryNode } from './try.js';
import { whileLoopEndNode } from './while-loop-end.js';
import { whileLoopStartNode } from './while-loop-start.js';

/** Control flow: branches, loops, try blocks, start/end. */
export const controlNodes: readonly NodeDefinition[] = [
  startNode,
  endNode,
  ifNode,
  switchNode,
  mergeNode,
  forLoopStartNode,
  forLoopEndNode,
  whileLoopStartNode,
  whileLoopEndNode,
  breakNode,
  continueNode,
  tryNode,
  catchNode,
  finallyNode,
];
