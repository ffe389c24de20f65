/**
 * Reference paths inside `{{...}}`: `var`, `node_id.port`, `var.key`, `list[0]`, `d["a b"]`,
 * `$currentDate`. Roots may contain `-` and start with a digit because CasareRPA node ids
 * may (`^[a-zA-Z0-9_-]+$`).
 */
export type PathSegment = string | number;

export interface RefPath {
  /** The path as written (trimmed), used in error messages. */
  readonly text: string;
  readonly root: string;
  readonly segments: readonly PathSegment[];
}

const ROOT = /^\$?[A-Za-z0-9_][\w-]*/;
const DOT_KEY = /^\.([\w-]+)/;
const INDEX = /^\[\s*(-?\d+)\s*\]/;
const QUOTED_KEY = /^\[\s*(?:"([^"]*)"|'([^']*)')\s*\]/;

/** Parses a reference path; null when the text is not one (then `{{...}}` stays literal). */
export function parsePath(text: string): RefPath | null {
  const trimmed = text.trim();
  const root = ROOT.exec(trimmed);
  if (!root) return null;
  const segments: PathSegment[] = [];
  let rest = trimmed.slice(root[0].length);
  while (rest.length > 0) {
    let m = DOT_KEY.exec(rest);
    if (m) {
      segments.push(m[1]!);
      rest = rest.slice(m[0].length);
      continue;
    }
    m = INDEX.exec(rest);
    if (m) {
      segments.push(Number(m[1]));
      rest = rest.slice(m[0].length);
      continue;
    }
    m = QUOTED_KEY.exec(rest);
    if (m) {
      segments.push(m[1] ?? m[2] ?? '');
      rest = rest.slice(m[0].length);
      continue;
    }
    return null;
  }
  return { text: trimmed, root: root[0], segments };
}

export type StepResult = { ok: true; value: unknown } | { ok: false; reason: string };

/**
 * One navigation step. Only own data is reachable: own keys of plain objects, array
 * indexes (negative counts from the end, as in Python) and `length`; never prototypes.
 */
export function stepInto(value: unknown, segment: PathSegment): StepResult {
  if (value === null || value === undefined) {
    return { ok: false, reason: `cannot read ${describe(segment)} of null` };
  }
  if (Array.isArray(value) || typeof value === 'string') {
    const index = typeof segment === 'number' ? segment : /^-?\d+$/.test(segment) ? Number(segment) : null;
    if (index === null) {
      if (segment === 'length') return { ok: true, value: value.length };
      return { ok: false, reason: `a ${Array.isArray(value) ? 'list' : 'string'} has no key "${segment}"` };
    }
    const i = index < 0 ? value.length + index : index;
    if (i < 0 || i >= value.length) return { ok: false, reason: `index ${index} is out of range` };
    return { ok: true, value: value[i] };
  }
  if (typeof value === 'object') {
    const key = String(segment);
    if (!Object.hasOwn(value, key)) return { ok: false, reason: `no key "${key}"` };
    return { ok: true, value: (value as Record<string, unknown>)[key] };
  }
  return { ok: false, reason: `cannot read ${describe(segment)} of a ${typeof value}` };
}

function describe(segment: PathSegment): string {
  return typeof segment === 'number' ? `index ${segment}` : `key "${segment}"`;
}
