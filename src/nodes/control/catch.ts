import { CasareError } from '../../errors.js';
import { defineNode } from '../types.js';

/**
 * Handles the failure of its try region: error details as outputs, then `catch_body`.
 * `error_types` (comma-separated error codes, e.g. `NODE_TIMEOUT, DIVISION_BY_ZERO`)
 * limits what it handles; other errors go on up after the finally phase. Reached without an
 * error, it does nothing and continues on `exec_out`.
 */
export const catchNode = defineNode({
  type: 'CatchNode',
  family: 'control',
  description: 'Handles an error from the paired try block.',
  config: {
    paired_try_id: { type: 'string', default: '' },
    error_types: { type: 'string', default: '', description: 'Error codes to handle (empty: all).' },
  },
  outputs: [
    { name: 'error_message', type: 'string' },
    { name: 'error_type', type: 'string' },
    { name: 'error_node_id', type: 'string' },
    { name: 'stack_trace', type: 'string' },
  ],
  execOutputs: [{ name: 'catch_body' }, { name: 'exec_out' }],
  rerunSafe: true,
  control: 'catch',
  execute(ctx) {
    const error = ctx.control.error;
    if (!error) {
      return {
        outputs: { error_message: '', error_type: '', error_node_id: '', stack_trace: '' },
        next: 'exec_out',
      };
    }
    const wanted = String(ctx.config.error_types)
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t !== '');
    if (wanted.length > 0 && !wanted.includes(error.code)) {
      throw new CasareError(error.code, error.message, {
        fault: error.fault,
        retryable: error.retryable,
        nodeId: error.node_id,
      });
    }
    return {
      outputs: {
        error_message: error.message,
        error_type: error.code,
        error_node_id: error.node_id ?? '',
        stack_trace: '',
      },
      next: 'catch_body',
    };
  },
});
