import type { JobError, LogLevel } from '../jobs/shapes.js';

/**
 * The contract between the engine and every node type. A node is a plain object (see
 * `defineNode`), one per file, grouped by family folder; the engine owns graph walking,
 * templating, timeouts, retries and tracing, so a node only turns resolved config into outputs.
 *
 * Nodes must treat `ctx.config` and everything reachable from it as read-only: a whole-string
 * template hands over the variable's own value (no copy), so mutating it would change the
 * variable behind the author's back. Build new lists/dicts instead.
 */

export type ConfigFieldType =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'list'
  | 'dict'
  | 'any'
  | 'choice'
  /** Evaluated by the sandboxed expression evaluator; `{{refs}}` inside keep their types. */
  | 'expression';

export interface ConfigField {
  readonly type: ConfigFieldType;
  /** Used when the key is absent or null. */
  readonly default?: unknown;
  readonly required?: boolean;
  /** For 'choice': canonical values, matched case-insensitively. */
  readonly choices?: readonly string[];
  /** Other key names CasareRPA files use for the same setting (first present wins). */
  readonly aliases?: readonly string[];
  /** Taken as written: no `{{...}}` templating (e.g. script source with its own braces). */
  readonly raw?: boolean;
  readonly description?: string;
}

export interface PortSpec {
  readonly name: string;
  readonly type?: string;
  /** Other names files use for this port (connections are normalised to `name`). */
  readonly aliases?: readonly string[];
  readonly description?: string;
}

/** Engine-level semantics of control nodes; ordinary nodes leave it unset. */
export type ControlKind =
  | 'loop-start'
  | 'loop-end'
  | 'break'
  | 'continue'
  | 'try'
  | 'catch'
  | 'finally'
  /** Never executed and never a start node (CommentNode). */
  | 'annotation';

export interface VariableStore {
  get(name: string): unknown;
  has(name: string): boolean;
  set(name: string, value: unknown): void;
  delete(name: string): boolean;
}

/** Engine-provided state for control nodes. */
export interface NodeControl {
  /** Loop-start nodes: state kept across the iterations of one loop run. */
  readonly loop?: Record<string, unknown>;
  /** Catch nodes: the error caught from the try region, or null when none occurred. */
  readonly error?: JobError | null;
  /** Finally nodes: whether the try region failed. */
  readonly hadError?: boolean;
}

export interface NodeContext {
  readonly nodeId: string;
  readonly nodeType: string;
  readonly jobId: string | undefined;
  /** Config after templating, alias folding, defaults and type coercion. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly variables: VariableStore;
  /** Aborted on cancellation, job timeout or this node's timeout; pass it to any I/O. */
  readonly signal: AbortSignal;
  /** 1-based attempt number of this execution. */
  readonly attempt: number;
  readonly urlMap: Readonly<Record<string, string>>;
  readonly workspaceDir: string | undefined;
  readonly control: NodeControl;
  readonly limits: { readonly maxLoopIterations: number };
  /** Exec output ports of this node that have connections (for nodes with dynamic ports). */
  readonly connectedPorts: ReadonlySet<string>;
  log(message: string, level?: LogLevel): void;
  /** Evaluates an expression in the sandbox against variables, node outputs and `locals`. */
  evaluate(expression: string, locals?: Readonly<Record<string, unknown>>): unknown;
  /** Resolves `{{...}}` templates in any value (recursively), as config values are. */
  resolve(value: unknown): unknown;
  /** Applies the job's URL prefix rewrites (`--map-url`, job `url_map`). */
  mapUrl(url: string): string;
}

export interface NodeResult {
  /** Data outputs by port name; referenced as `{{node_id.port}}`. */
  readonly outputs?: Readonly<Record<string, unknown>>;
  /** Exec port(s) to follow; default `exec_out`. An empty list ends this branch. */
  readonly next?: string | readonly string[];
}

export interface NodeDefinition {
  /** The exact node_type string of CasareRPA files, e.g. `SetVariableNode`. */
  readonly type: string;
  readonly aliases?: readonly string[];
  /** Family folder (control, data, math, utility, http, browser, ...). */
  readonly family: string;
  readonly description: string;
  readonly config: Readonly<Record<string, ConfigField>>;
  readonly inputs?: readonly PortSpec[];
  readonly outputs?: readonly PortSpec[];
  /** Exec outputs; default `[exec_out]`. */
  readonly execOutputs?: readonly PortSpec[];
  /** Prefix of exec outputs named at run time (SwitchNode's `case_*`). */
  readonly dynamicExecPrefix?: string;
  /** What a robot must offer to run this node, e.g. `browser:chromium`, `desktop`. */
  readonly capabilities?: readonly string[];
  /** True when running the node twice has no lasting side effect (safe to retry/replay). */
  readonly rerunSafe: boolean;
  /**
   * This node type's own timeout, fixed or from its resolved config (a wait node waiting
   * longer than the default); the run's default node timeout applies when unset.
   */
  readonly timeoutMs?: number | ((config: Readonly<Record<string, unknown>>) => number | undefined);
  readonly control?: ControlKind;
  execute(ctx: NodeContext): NodeResult | undefined | Promise<NodeResult | undefined>;
}

/** Identity helper that gives node files type checking and a uniform shape. */
export function defineNode(def: NodeDefinition): NodeDefinition {
  return def;
}
