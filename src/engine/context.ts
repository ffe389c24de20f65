import type { LogLevel } from '../jobs/shapes.js';
import type { NodeContext, NodeControl, VariableStore } from '../nodes/types.js';
import { compileValue, evaluateValue } from './config.js';
import { evaluateExpression, withLocals } from './expressions/index.js';
import type { CompiledNode } from './graph.js';
import type { Run } from './run-state.js';

/** One node execution's view of the run. The abort signal is created only if the node asks for it. */
export class NodeRunContext implements NodeContext {
  #controller: AbortController | null = null;
  #unlink: (() => void) | null = null;
  #abortReason: unknown;

  constructor(
    private readonly run: Run,
    private readonly node: CompiledNode,
    readonly config: Readonly<Record<string, unknown>>,
    readonly attempt: number,
    readonly control: NodeControl,
  ) {}

  get nodeId(): string {
    return this.node.id;
  }
  get nodeType(): string {
    return this.node.type;
  }
  get jobId(): string | undefined {
    return this.run.options.jobId;
  }
  get variables(): VariableStore {
    return this.run.scope;
  }
  get urlMap(): Readonly<Record<string, string>> {
    return this.run.urlMap;
  }
  get workspaceDir(): string | undefined {
    return this.run.options.workspaceDir;
  }
  get connectedPorts(): ReadonlySet<string> {
    return this.node.execPorts;
  }
  get limits(): { readonly maxLoopIterations: number } {
    return { maxLoopIterations: this.run.maxLoopIterations };
  }

  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = new AbortController();
      this.#controller = controller;
      const runSignal = this.run.controller.signal;
      if (this.#abortReason !== undefined) controller.abort(this.#abortReason);
      else if (runSignal.aborted) controller.abort(runSignal.reason);
      else {
        const onAbort = () => controller.abort(runSignal.reason);
        runSignal.addEventListener('abort', onAbort, { once: true });
        this.#unlink = () => runSignal.removeEventListener('abort', onAbort);
      }
    }
    return this.#controller.signal;
  }

  /** Aborts this node only (its timeout). */
  abort(reason: unknown): void {
    this.#abortReason = reason;
    this.#controller?.abort(reason);
  }

  dispose(): void {
    this.#unlink?.();
    this.#unlink = null;
  }

  log(message: string, level: LogLevel = 'info'): void {
    this.run.log(level, this.node.id, message);
  }

  evaluate(expression: string, locals?: Readonly<Record<string, unknown>>): unknown {
    if (typeof expression !== 'string') return expression;
    return evaluateExpression(expression, locals ? withLocals(this.run.scope, locals) : this.run.scope);
  }

  resolve(value: unknown): unknown {
    return evaluateValue(compileValue(value), this.run.scope);
  }

  mapUrl(url: string): string {
    return this.run.mapUrl(url);
  }
}
