import { numericString, typeName } from '../../engine/expressions/semantics.js';
import { nodeFailure } from '../failure.js';
import { defineNode } from '../types.js';

/** Adds `increment` (default 1) to a numeric variable; a missing variable counts as 0. */
export const incrementVariableNode = defineNode({
  type: 'IncrementVariableNode',
  family: 'data',
  description: 'Increments a numeric variable.',
  config: {
    variable_name: { type: 'string', required: true },
    increment: { type: 'number', default: 1 },
  },
  inputs: [
    { name: 'variable_name', type: 'string' },
    { name: 'increment', type: 'number' },
  ],
  outputs: [{ name: 'value', type: 'number' }],
  // Running it again after a crash would add twice.
  rerunSafe: false,
  execute(ctx) {
    const name = ctx.config.variable_name as string;
    const current = ctx.variables.get(name) ?? 0;
    const base = typeof current === 'number' ? current : numericString(current);
    if (base === null) throw nodeFailure(`variable "${name}" is a ${typeName(current)}, not a number`);
    const value = base + (ctx.config.increment as number);
    ctx.variables.set(name, value);
    return { outputs: { value } };
  },
});
