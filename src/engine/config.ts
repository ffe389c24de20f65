import { CasareError } from '../errors.js';
import type { ConfigField, NodeDefinition } from '../nodes/types.js';
import { coerceConfigValue } from './config-coerce.js';
import { EngineErrorCode } from './errors.js';
import { type Expr, type ExpressionScope, evaluate, parseExpression } from './expressions/index.js';
import { setOwn } from './expressions/semantics.js';
import { compileTemplate, evaluateTemplate, type Template } from './templates/compile.js';
import type { ValidationIssue } from './types.js';

/**
 * Node config is compiled once per run: templates parsed, expressions parsed, constants
 * cloned away from the caller's definition. A config with no template at all is resolved and
 * type-checked at compile time and then shared by every execution of the node.
 */
export type CompiledValue =
  | { readonly k: 'const'; readonly value: unknown }
  | { readonly k: 'tpl'; readonly template: Template }
  | { readonly k: 'obj'; readonly entries: readonly (readonly [string, CompiledValue])[] }
  | { readonly k: 'arr'; readonly items: readonly CompiledValue[] }
  | { readonly k: 'expr'; readonly expr: Expr };

interface CompiledField {
  readonly key: string;
  readonly value: CompiledValue | undefined;
  readonly field: ConfigField | undefined;
}

export interface CompiledConfig {
  readonly fields: readonly CompiledField[];
  /** Resolved config when nothing in it depends on run-time values. */
  readonly static: Readonly<Record<string, unknown>> | null;
  /** Maps a field's alias to its key (for data connections targeting an alias). */
  readonly keyOf: ReadonlyMap<string, string>;
}

export function jsonPointer(...parts: string[]): string {
  return parts.map((p) => `/${p.replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function compileConfig(
  def: NodeDefinition,
  nodeId: string,
  raw: Record<string, unknown>,
  dataInputs: ReadonlySet<string>,
  issues: ValidationIssue[],
): CompiledConfig {
  const fields: CompiledField[] = [];
  const keyOf = new Map<string, string>();
  const used = new Set<string>();
  const issueCount = issues.length;
  for (const [key, field] of Object.entries(def.config)) {
    keyOf.set(key, key);
    let source: string | undefined;
    for (const name of [key, ...(field.aliases ?? [])]) {
      keyOf.set(name, key);
      if (source === undefined && Object.hasOwn(raw, name)) source = name;
    }
    if (source !== undefined) used.add(source);
    const pointer = jsonPointer('nodes', nodeId, 'config', source ?? key);
    const before = issues.length;
    const value = source === undefined ? undefined : compileField(raw[source], field, pointer, issues);
    fields.push({ key, value, field });
    if (issues.length === before && (value?.k === 'const' || value === undefined)) {
      const provided = [key, ...(field.aliases ?? [])].some((n) => dataInputs.has(n));
      if (!provided) checkStatic(value?.value, field, key, nodeId, pointer, issues);
    }
  }
  for (const [key, value] of Object.entries(raw)) {
    if (used.has(key) || keyOf.has(key)) continue;
    fields.push({ key, value: compileValue(value), field: undefined });
  }
  const allConst = fields.every((f) => f.value === undefined || f.value.k === 'const');
  const staticConfig =
    allConst && issues.length === issueCount && dataInputs.size === 0
      ? resolveFields(fields, null, nodeId)
      : null;
  return { fields, static: staticConfig, keyOf };
}

function compileField(
  raw: unknown,
  field: ConfigField,
  pointer: string,
  issues: ValidationIssue[],
): CompiledValue {
  if (field.raw)
    return { k: 'const', value: typeof raw === 'object' && raw !== null ? structuredClone(raw) : raw };
  if (field.type !== 'expression' || typeof raw !== 'string') return compileValue(raw);
  if (raw.trim() === '') return { k: 'const', value: null };
  try {
    return { k: 'expr', expr: parseExpression(raw) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    issues.push({
      pointer,
      code: EngineErrorCode.EXPRESSION_ERROR,
      message: `invalid expression: ${message}`,
    });
    return { k: 'const', value: null };
  }
}

export function compileValue(raw: unknown): CompiledValue {
  if (typeof raw === 'string') {
    const template = compileTemplate(raw);
    return template.kind === 'text' ? { k: 'const', value: raw } : { k: 'tpl', template };
  }
  if (Array.isArray(raw)) {
    const items = raw.map(compileValue);
    if (items.every((i) => i.k === 'const')) return { k: 'const', value: structuredClone(raw) };
    return { k: 'arr', items };
  }
  if (typeof raw === 'object' && raw !== null) {
    const entries = Object.entries(raw).map(([k, v]) => [k, compileValue(v)] as const);
    if (entries.every(([, v]) => v.k === 'const')) return { k: 'const', value: structuredClone(raw) };
    return { k: 'obj', entries };
  }
  return { k: 'const', value: raw };
}

function checkStatic(
  value: unknown,
  field: ConfigField,
  key: string,
  nodeId: string,
  pointer: string,
  issues: ValidationIssue[],
): void {
  try {
    coerceConfigValue(value, field, key, nodeId);
  } catch (err) {
    if (!(err instanceof CasareError)) throw err;
    issues.push({ pointer, code: err.code, message: `node "${nodeId}": ${err.message}` });
  }
}

export function evaluateValue(value: CompiledValue, scope: ExpressionScope): unknown {
  switch (value.k) {
    case 'const':
      return value.value;
    case 'tpl':
      return evaluateTemplate(value.template, scope);
    case 'expr':
      return evaluate(value.expr, scope);
    case 'arr':
      return value.items.map((item) => evaluateValue(item, scope));
    case 'obj': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of value.entries) setOwn(out, k, evaluateValue(v, scope));
      return out;
    }
  }
}

/**
 * The config a node execution sees. `inputs` are values arriving over data connections
 * (port name → value); like CasareRPA's get_parameter, a connected port wins over config.
 */
export function resolveConfig(
  config: CompiledConfig,
  scope: ExpressionScope,
  nodeId: string,
  inputs: Readonly<Record<string, unknown>> | null,
): Readonly<Record<string, unknown>> {
  if (config.static && inputs === null) return config.static;
  return resolveFields(config.fields, scope, nodeId, inputs, config.keyOf);
}

function resolveFields(
  fields: readonly CompiledField[],
  scope: ExpressionScope | null,
  nodeId: string,
  inputs: Readonly<Record<string, unknown>> | null = null,
  keyOf: ReadonlyMap<string, string> = new Map(),
): Record<string, unknown> {
  let overrides: Map<string, unknown> | null = null;
  if (inputs) {
    overrides = new Map();
    for (const [port, v] of Object.entries(inputs)) overrides.set(keyOf.get(port) ?? port, v);
  }
  const out: Record<string, unknown> = {};
  for (const { key, value, field } of fields) {
    let v: unknown;
    if (overrides?.has(key)) v = overrides.get(key);
    else if (value !== undefined)
      v = scope === null ? (value as { value: unknown }).value : evaluateValue(value, scope);
    if (field) v = coerceConfigValue(v, field, key, nodeId);
    if (v !== undefined) setOwn(out, key, v);
  }
  if (overrides)
    for (const [key, v] of overrides) if (!Object.hasOwn(out, key) && v !== undefined) setOwn(out, key, v);
  return out;
}
