import { defineNode } from '../types.js';
import { formatPython } from './python-format.js';

/** Python `str.format` with the `variables` dict: "Hello, {name}" → "Hello, Alice". */
export const formatStringNode = defineNode({
  type: 'FormatStringNode',
  family: 'data',
  description: 'Formats text with {name} placeholders from a dict.',
  config: {
    template: { type: 'string', default: '' },
    variables: { type: 'dict', default: {} },
  },
  inputs: [
    { name: 'template', type: 'string' },
    { name: 'variables', type: 'dict' },
  ],
  outputs: [{ name: 'result', type: 'string' }],
  rerunSafe: true,
  execute(ctx) {
    const result = formatPython(
      ctx.config.template as string,
      ctx.config.variables as Record<string, unknown>,
    );
    return { outputs: { result } };
  },
});
