import { toFloat, toInt } from '../../engine/expressions/builtins.js';
import { defineNode, type NodeContext } from '../types.js';

/**
 * Stores a value under a variable name. The value keeps its type (`"{{add.result}}"` stores
 * the number). `variable_type` converts like CasareRPA's (Boolean, Int32, Float, and JSON
 * text for Object/Array/List/Dict/DataTable); a value that does not convert is kept, with a
 * warning, as CasareRPA does. `String` (its default) leaves the value alone.
 */
export const setVariableNode = defineNode({
  type: 'SetVariableNode',
  family: 'data',
  description: 'Sets a workflow variable.',
  config: {
    variable_name: { type: 'string', required: true },
    value: { type: 'any', aliases: ['default_value'], description: 'Value to store.' },
    variable_type: {
      type: 'string',
      default: '',
      description: 'Optional conversion (Boolean, Int32, Float, Array, ...).',
    },
  },
  inputs: [
    { name: 'value', type: 'any' },
    { name: 'variable_name', type: 'string' },
  ],
  outputs: [{ name: 'value', type: 'any' }],
  rerunSafe: true,
  execute(ctx) {
    const name = ctx.config.variable_name as string;
    const value = convert(ctx, ctx.config.value ?? null, String(ctx.config.variable_type));
    ctx.variables.set(name, value);
    return { outputs: { value } };
  },
});

function convert(ctx: NodeContext, value: unknown, type: string): unknown {
  if (value === null) return value;
  try {
    switch (type.toLowerCase()) {
      case 'boolean':
      case 'bool':
        return typeof value === 'string'
          ? ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase())
          : Boolean(value);
      case 'int32':
      case 'integer':
      case 'int':
        return toInt(typeof value === 'string' ? value.trim() : value);
      case 'float':
      case 'number':
        return toFloat(value);
      case 'object':
      case 'array':
      case 'list':
      case 'dict':
      case 'datatable':
        return typeof value === 'string' ? JSON.parse(value) : value;
      default:
        return value;
    }
  } catch (err) {
    ctx.log(
      `could not convert the value to ${type}: ${(err as Error).message}; keeping it as it is`,
      'warning',
    );
    return value;
  }
}
