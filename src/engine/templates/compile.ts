import { parsePath, type RefPath } from './path.js';
import { renderValue } from './render.js';

/**
 * `{{...}}` templates, compiled once per config value. A string that is exactly one
 * reference (surrounding whitespace ignored, as CasareRPA strips it) keeps the value's type:
 * `"{{numbers}}"` is the list. Anything else interpolates rendered values into text.
 * `{{...}}` whose content is not a reference path stays literal text.
 */
export type Template =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'ref'; readonly ref: RefPath }
  | { readonly kind: 'interp'; readonly parts: readonly (string | RefPath)[] };

export interface RefResolver {
  /** Returns the referenced value or throws TEMPLATE_UNRESOLVED naming the reference. */
  resolveRef(ref: RefPath): unknown;
}

const TEMPLATE = /\{\{([^{}]*)\}\}/g;

export function hasTemplate(text: string): boolean {
  return text.includes('{{');
}

export function compileTemplate(text: string): Template {
  if (!text.includes('{{')) return { kind: 'text', text };
  const parts: (string | RefPath)[] = [];
  let last = 0;
  for (const m of text.matchAll(TEMPLATE)) {
    const ref = parsePath(m[1]!);
    if (!ref) continue;
    const start = m.index;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(ref);
    last = start + m[0].length;
  }
  if (parts.length === 0) return { kind: 'text', text };
  if (last < text.length) parts.push(text.slice(last));
  const refs = parts.filter((p) => typeof p !== 'string');
  if (refs.length === 1 && parts.every((p) => typeof p !== 'string' || p.trim() === '')) {
    return { kind: 'ref', ref: refs[0] as RefPath };
  }
  return { kind: 'interp', parts };
}

export function evaluateTemplate(template: Template, resolver: RefResolver): unknown {
  switch (template.kind) {
    case 'text':
      return template.text;
    case 'ref':
      return resolver.resolveRef(template.ref);
    case 'interp': {
      let out = '';
      for (const part of template.parts) {
        out += typeof part === 'string' ? part : renderValue(resolver.resolveRef(part));
      }
      return out;
    }
  }
}
