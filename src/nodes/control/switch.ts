import { renderValue } from '../../engine/templates/render.js';
import { nodeFailure } from '../failure.js';
import { defineNode } from '../types.js';

const PREFIX = 'case_';

/**
 * Multi-way branch. Matching compares text forms (CasareRPA: `str(case) == str(value)`).
 * CasareRPA's source names the ports `case_<value>`; its sample files use `case_<index>`.
 * When every connected `case_*` port names a case value, ports are read by value;
 * otherwise by index. No match follows `default`.
 */
export const switchNode = defineNode({
  type: 'SwitchNode',
  family: 'control',
  description: 'Branches to the port of the first matching case, else `default`.',
  config: {
    value: { type: 'any', description: 'Value to match.' },
    expression: { type: 'expression', description: 'Alternative to value: an expression giving it.' },
    cases: { type: 'any', default: [], description: 'Case values (a list, or comma-separated text).' },
  },
  inputs: [{ name: 'value', type: 'any' }],
  outputs: [
    { name: 'matched_case', type: 'any' },
    { name: 'value', type: 'any' },
  ],
  execOutputs: [{ name: 'default' }, { name: 'exec_out' }],
  dynamicExecPrefix: PREFIX,
  rerunSafe: true,
  execute(ctx) {
    const value = ctx.config.value !== undefined ? ctx.config.value : (ctx.config.expression ?? null);
    const cases = caseList(ctx.config.cases);
    const text = value === null || value === undefined ? '' : renderValue(value);
    const names = cases.map(renderValue);
    const index = names.indexOf(text);
    if (index < 0) return { outputs: { matched_case: 'default', value }, next: 'default' };
    const connected = [...ctx.connectedPorts]
      .filter((p) => p.startsWith(PREFIX))
      .map((p) => p.slice(PREFIX.length));
    const byValue = connected.length > 0 && connected.every((suffix) => names.includes(suffix));
    const port = `${PREFIX}${byValue ? names[index] : index}`;
    return { outputs: { matched_case: cases[index], value }, next: port };
  },
});

function caseList(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (typeof raw === 'string') return raw.trim() === '' ? [] : raw.split(',').map((c) => c.trim());
  throw nodeFailure(`"cases" must be a list, not ${typeof raw}`);
}
