import { EngineErrorCode } from '../../engine/errors.js';
import { truthy } from '../../engine/expressions/semantics.js';
import { nodeFailure } from '../failure.js';
import { defineNode } from '../types.js';

/**
 * Start of a While loop (paired with WhileLoopEndNode): `body` while the condition holds,
 * else `completed`. Unlike CasareRPA, which silently leaves the loop at max_iterations,
 * passing the limit fails with LOOP_LIMIT_EXCEEDED: an endless loop is a bug to report.
 */
export const whileLoopStartNode = defineNode({
  type: 'WhileLoopStartNode',
  family: 'control',
  description: 'Repeats its body while a condition holds.',
  config: {
    condition: {
      type: 'expression',
      required: true,
      aliases: ['expression'],
      description: 'Checked before each iteration.',
    },
    max_iterations: {
      type: 'integer',
      description: 'Safety limit (default: the run option maxLoopIterations).',
    },
  },
  inputs: [{ name: 'condition', type: 'boolean' }],
  outputs: [{ name: 'current_iteration', type: 'integer' }],
  execOutputs: [{ name: 'body', aliases: ['loop_body'] }, { name: 'completed' }],
  rerunSafe: true,
  control: 'loop-start',
  execute(ctx) {
    const state = ctx.control.loop as { iteration?: number };
    const iteration = state.iteration ?? 0;
    if (!truthy(ctx.config.condition))
      return { outputs: { current_iteration: iteration }, next: 'completed' };
    const limit = (ctx.config.max_iterations as number | undefined) ?? ctx.limits.maxLoopIterations;
    if (iteration >= limit) {
      throw nodeFailure(
        `while loop "${ctx.nodeId}" did not finish within ${limit} iterations (raise max_iterations if that is intended)`,
        EngineErrorCode.LOOP_LIMIT_EXCEEDED,
      );
    }
    state.iteration = iteration + 1;
    return { outputs: { current_iteration: iteration }, next: 'body' };
  },
});
