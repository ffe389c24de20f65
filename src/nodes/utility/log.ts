import { renderValue } from '../../engine/templates/render.js';
import type { LogLevel } from '../../jobs/shapes.js';
import { defineNode } from '../types.js';

const LEVELS: Record<string, LogLevel> = {
  debug: 'debug',
  info: 'info',
  warning: 'warning',
  error: 'error',
  critical: 'error',
};

/**
 * Writes a line to the job log. The message is templated like any config value; `data`,
 * when given, is appended as CasareRPA does (` | Data: ...`). CasareRPA's extra
 * `message.format(**variables)` pass is not applied: single braces stay literal text, which
 * keeps JSON in messages intact.
 */
export const logNode = defineNode({
  type: 'LogNode',
  family: 'utility',
  description: 'Logs a message.',
  config: {
    message: { type: 'string', default: '' },
    level: { type: 'choice', choices: Object.keys(LEVELS), default: 'info' },
    data: { type: 'any' },
  },
  inputs: [
    { name: 'message', type: 'string' },
    { name: 'data', type: 'any' },
  ],
  outputs: [{ name: 'message', type: 'string' }],
  rerunSafe: true,
  execute(ctx) {
    const data = ctx.config.data;
    const message =
      data === undefined || data === null
        ? String(ctx.config.message)
        : `${ctx.config.message} | Data: ${renderValue(data)}`;
    ctx.log(message, LEVELS[ctx.config.level as string]);
    return { outputs: { message } };
  },
});
