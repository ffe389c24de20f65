import { isPlainObject } from './expressions/semantics.js';

const DESCRIPTOR_KEYS = new Set([
  'name',
  'type',
  'value',
  'default_value',
  'description',
  'sensitive',
  'readonly',
]);

/**
 * A workflow file's `variables` values are either plain values or CasareRPA's serialized
 * Variable `{type, default_value, description, ...}` (some tools write `value`). An object is
 * read as a descriptor only when it has a string `type`, a value key, and no other keys.
 */
export function initialValue(raw: unknown): unknown {
  if (!isPlainObject(raw) || typeof raw.type !== 'string') return raw;
  if (!Object.hasOwn(raw, 'default_value') && !Object.hasOwn(raw, 'value')) return raw;
  if (!Object.keys(raw).every((k) => DESCRIPTOR_KEYS.has(k))) return raw;
  const value = Object.hasOwn(raw, 'value') ? raw.value : raw.default_value;
  return convertDeclared(value, raw.type);
}

/** Applies a declared CasareRPA type to a stored value; keeps the value when it does not convert. */
function convertDeclared(value: unknown, type: string): unknown {
  if (typeof value !== 'string') return value;
  switch (type.toLowerCase()) {
    case 'integer':
    case 'int32':
    case 'int':
    case 'float':
    case 'number': {
      const n = Number(value);
      return value.trim() !== '' && Number.isFinite(n) ? n : value;
    }
    case 'boolean':
    case 'bool':
      return ['true', '1', 'yes', 'on'].includes(value.trim().toLowerCase());
    case 'list':
    case 'array':
    case 'dict':
    case 'object':
    case 'datatable':
      try {
        return value.trim() === '' ? value : JSON.parse(value);
      } catch {
        return value;
      }
    default:
      return value;
  }
}
