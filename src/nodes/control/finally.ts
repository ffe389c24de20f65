import { defineNode } from '../types.js';

/** Runs after the paired try region and catch, whatever happened; `had_error` tells which. */
export const finallyNode = defineNode({
  type: 'FinallyNode',
  family: 'control',
  description: 'Always runs after the paired try block.',
  config: { paired_try_id: { type: 'string', default: '' } },
  outputs: [{ name: 'had_error', type: 'boolean' }],
  execOutputs: [{ name: 'finally_body' }, { name: 'exec_out' }],
  rerunSafe: true,
  control: 'finally',
  execute(ctx) {
    return { outputs: { had_error: ctx.control.hadError ?? false }, next: ['finally_body', 'exec_out'] };
  },
});
