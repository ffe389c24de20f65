import { defineNode } from '../types.js';

/** Reads a variable into the `value` output; a missing (or null) variable gives default_value. */
export const getVariableNode = defineNode({
  type: 'GetVariableNode',
  family: 'data',
  description: 'Reads a workflow variable.',
  config: {
    variable_name: { type: 'string', required: true },
    default_value: { type: 'any', description: 'Used when the variable is missing or null.' },
  },
  inputs: [{ name: 'variable_name', type: 'string' }],
  outputs: [{ name: 'value', type: 'any' }],
  rerunSafe: true,
  execute(ctx) {
    const value = ctx.variables.get(ctx.config.variable_name as string);
    return { outputs: { value: value ?? ctx.config.default_value ?? null } };
  },
});
