import type { ConfigField } from '../nodes/types.js';
import { EngineErrorCode, workflowError } from './errors.js';
import { isPlainObject, numericString, typeName } from './expressions/semantics.js';
import { renderValue } from './templates/render.js';

const TRUE_WORDS = new Set(['true', 'yes', 'on', '1']);
const FALSE_WORDS = new Set(['false', 'no', 'off', '0']);

/**
 * Brings a resolved config value to its declared type, the way a CasareRPA property panel
 * would have stored it (`"5"` for an integer is 5, `"true"` for a boolean is true).
 * Defaults apply to absent and null values. Throws INVALID_CONFIG naming the key.
 */
export function coerceConfigValue(
  value: unknown,
  field: ConfigField,
  key: string,
  nodeId: string | null,
): unknown {
  const fail = (message: string) =>
    workflowError(EngineErrorCode.INVALID_CONFIG, `setting "${key}" ${message}`, nodeId);
  if (value === undefined || value === null) {
    if (field.default !== undefined) return field.default;
    if (field.required) throw fail('is required');
    return value;
  }
  switch (field.type) {
    case 'any':
    case 'expression':
      return value;
    case 'string': {
      if (typeof value === 'string') {
        if (field.required && value.trim() === '') throw fail('is required');
        return value;
      }
      // Lists and dicts become JSON text, as they do inside a longer template.
      return renderValue(value);
    }
    case 'number':
    case 'integer': {
      const n = typeof value === 'number' ? value : numericString(value);
      if (n === null || !Number.isFinite(n)) throw fail(`must be a number, not ${describe(value)}`);
      if (field.type === 'integer' && !Number.isInteger(n)) throw fail(`must be a whole number, not ${n}`);
      return n;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const word =
        typeof value === 'string' || typeof value === 'number' ? String(value).trim().toLowerCase() : '';
      if (TRUE_WORDS.has(word)) return true;
      if (FALSE_WORDS.has(word)) return false;
      throw fail(`must be true or false, not ${describe(value)}`);
    }
    case 'list': {
      if (Array.isArray(value)) return value;
      const parsed = parseJsonText(value, '[');
      if (Array.isArray(parsed)) return parsed;
      throw fail(`must be a list, not ${describe(value)}`);
    }
    case 'dict': {
      if (isPlainObject(value)) return value;
      const parsed = parseJsonText(value, '{');
      if (isPlainObject(parsed)) return parsed;
      throw fail(`must be a dict, not ${describe(value)}`);
    }
    case 'choice': {
      const text = typeof value === 'string' ? value.trim().toLowerCase() : renderValue(value).toLowerCase();
      const match = field.choices?.find((c) => c.toLowerCase() === text);
      if (match === undefined)
        throw fail(`must be one of ${field.choices?.join(', ')}; got ${describe(value)}`);
      return match;
    }
  }
}

/** JSON text written where a list/dict is expected (`'[1, 2]'`), else undefined. */
function parseJsonText(value: unknown, opener: string): unknown {
  if (typeof value !== 'string' || !value.trimStart().startsWith(opener)) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return typeName(value);
}
