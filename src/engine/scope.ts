import type { VariableStore } from '../nodes/types.js';
import { EngineErrorCode, workflowError } from './errors.js';
import type { RefResolver } from './templates/compile.js';
import { type RefPath, stepInto } from './templates/path.js';

/**
 * What templates and expressions can see: workflow variables and the outputs of nodes that
 * have run. CasareRPA stores a node's outputs as a variable named after the node, so
 * `{{node_id.port}}` and `{{var.key}}` share one syntax; here they stay apart and a
 * reference whose root is a node id reads that node's outputs first.
 */
export class RunScope implements RefResolver, VariableStore {
  readonly vars = new Map<string, unknown>();
  readonly outputs = new Map<string, Readonly<Record<string, unknown>>>();

  constructor(
    readonly nodeIds: ReadonlySet<string>,
    readonly now: () => Date = () => new Date(),
  ) {}

  get(name: string): unknown {
    return this.vars.get(name);
  }
  has(name: string): boolean {
    return this.vars.has(name);
  }
  set(name: string, value: unknown): void {
    this.vars.set(name, value);
  }
  delete(name: string): boolean {
    return this.vars.delete(name);
  }

  resolveRef(ref: RefPath): unknown {
    const { root, segments } = ref;
    let value: unknown;
    let from = 0;
    const out = segments.length > 0 && this.nodeIds.has(root) ? this.outputs.get(root) : undefined;
    const port = String(segments[0]);
    if (out && Object.hasOwn(out, port)) {
      value = out[port];
      from = 1;
    } else if (this.vars.has(root)) {
      value = this.vars.get(root);
    } else if (segments.length > 0 && this.nodeIds.has(root)) {
      if (!out) throw unresolved(ref, `node "${root}" has not run yet`);
      const known = Object.keys(out);
      const hint = known.length > 0 ? ` (its outputs: ${known.join(', ')})` : ' (it has no outputs)';
      throw unresolved(ref, `node "${root}" has no output "${port}"${hint}`);
    } else if (this.outputs.has(root)) {
      value = this.outputs.get(root);
    } else if (root.startsWith('$')) {
      value = this.systemVariable(ref);
    } else if (this.nodeIds.has(root)) {
      throw unresolved(ref, `node "${root}" has not run yet`);
    } else {
      throw unresolved(ref, `no variable or node named "${root}"`);
    }
    for (let i = from; i < segments.length; i++) {
      const step = stepInto(value, segments[i]!);
      if (!step.ok) throw unresolved(ref, step.reason);
      value = step.value;
    }
    return value;
  }

  /** Bare names in expressions: variables first, then node outputs (so `node.port` works). */
  lookupName(name: string): { found: boolean; value?: unknown } {
    if (this.vars.has(name)) return { found: true, value: this.vars.get(name) };
    const out = this.outputs.get(name);
    if (out) return { found: true, value: out };
    return { found: false };
  }

  /** CasareRPA's built-in `$` variables, computed when read. */
  private systemVariable(ref: RefPath): unknown {
    const now = this.now();
    const pad = (n: number) => String(n).padStart(2, '0');
    const date = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
    const time = `${pad(now.getHours())}:${pad(now.getMinutes())}:${pad(now.getSeconds())}`;
    switch (ref.root) {
      case '$currentDate':
        return date;
      case '$currentTime':
        return time;
      case '$currentDateTime':
        return `${date}T${time}`;
      case '$timestamp':
        return Math.floor(now.getTime() / 1000);
      default:
        throw unresolved(ref, `unknown system variable "${ref.root}"`);
    }
  }
}

function unresolved(ref: RefPath, reason: string) {
  return workflowError(
    EngineErrorCode.TEMPLATE_UNRESOLVED,
    `template {{${ref.text}}} cannot be resolved: ${reason}`,
  );
}
