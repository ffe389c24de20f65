import { truthy } from '../../engine/expressions/semantics.js';
import { defineNode } from '../types.js';

/**
 * Follows `true` or `false`. The condition is an expression (`{{counter}} < 3`,
 * `{{ok}} and not {{done}}`); a boolean, or a whole `{{ref}}` to one, is used as it is;
 * other values count by Python truthiness.
 */
export const ifNode = defineNode({
  type: 'IfNode',
  family: 'control',
  description: 'Branches on a condition.',
  config: {
    condition: {
      type: 'expression',
      required: true,
      aliases: ['expression'],
      description: 'Condition to test.',
    },
  },
  inputs: [{ name: 'condition', type: 'any' }],
  outputs: [{ name: 'result', type: 'boolean' }],
  execOutputs: [{ name: 'true' }, { name: 'false' }],
  rerunSafe: true,
  execute(ctx) {
    const result = truthy(ctx.config.condition);
    return { outputs: { result }, next: result ? 'true' : 'false' };
  },
});
