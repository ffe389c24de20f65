/**
 * How a value is written into text (embedded templates, FormatString, str(), logs).
 *
 * - numbers: shortest JS form, so integral values have no decimal point (`40`, never `40.0`)
 * - booleans: `true` / `false`; null: empty string (CasareRPA renders None as "")
 * - lists and dicts: JSON with the separators of Python's json.dumps (`[1, 2]`,
 *   `{"a": 1}`), so the text can be parsed again by JSON nodes or sent as an HTTP body.
 *   (Python's str() would give `['A']`, which nothing downstream can parse.)
 */
export function renderValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return renderNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return '';
    case 'bigint':
      return value.toString();
    case 'object':
      if (value === null) return '';
      if (value instanceof Date) return value.toISOString();
      return toJsonText(value);
    default:
      return '';
  }
}

export function renderNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (Object.is(n, -0)) return '0';
  return String(n);
}

const MAX_DEPTH = 200;

/** JSON text with `, ` and `: ` separators; cycles and absurd depth degrade to markers, never throw. */
export function toJsonText(value: unknown): string {
  const parts: string[] = [];
  write(value, parts, new Set(), 0);
  return parts.join('');
}

function write(value: unknown, out: string[], seen: Set<object>, depth: number): void {
  switch (typeof value) {
    case 'string':
      out.push(JSON.stringify(value));
      return;
    case 'number':
      out.push(Number.isFinite(value) ? renderNumber(value) : 'null');
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'bigint':
      out.push(value.toString());
      return;
    case 'object':
      break;
    default:
      out.push('null');
      return;
  }
  if (value === null) {
    out.push('null');
    return;
  }
  if (value instanceof Date) {
    out.push(JSON.stringify(value.toISOString()));
    return;
  }
  if (seen.has(value)) {
    out.push('"[Circular]"');
    return;
  }
  if (depth >= MAX_DEPTH) {
    out.push('"[…]"');
    return;
  }
  seen.add(value);
  if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(', ');
      write(value[i], out, seen, depth + 1);
    }
    out.push(']');
  } else {
    out.push('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const v = (value as Record<string, unknown>)[key];
      if (v === undefined || typeof v === 'function') continue;
      if (!first) out.push(', ');
      first = false;
      out.push(JSON.stringify(key), ': ');
      write(v, out, seen, depth + 1);
    }
    out.push('}');
  }
  seen.delete(value);
}
