import { CasareError } from '../errors.js';
import type { LogLevel, TraceEntry } from '../jobs/shapes.js';
import { EngineErrorCode, systemError } from './errors.js';
import type { CompiledWorkflow } from './graph.js';
import { RunScope } from './scope.js';
import type { RunOptions } from './types.js';
import { createUrlMapper } from './url-map.js';
import { initialValue } from './variables.js';

export interface LoopFrame {
  readonly id: string;
  readonly state: Record<string, unknown>;
}

interface RawTrace {
  readonly id: string;
  readonly attempt: number;
  readonly status: TraceEntry['status'];
  readonly start: number;
  readonly duration: number;
}

const DEFAULT_NODE_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_LOOP_ITERATIONS = 100_000;
const DEFAULT_MAX_TRACE = 10_000;
/** A run of synchronous nodes yields to the event loop this often, so aborts and timers get through. */
const YIELD_EVERY_MS = 8;

/** Everything one run of a workflow mutates; the walker and node executor share it. */
export class Run {
  readonly scope: RunScope;
  readonly frames: LoopFrame[] = [];
  /** > 0 while inside a try region or catch body: failures go to the try block, not stop_on_error. */
  tryDepth = 0;
  executed = 0;
  /** Set once, by cancellation or the job timeout; nothing catches it after that. */
  abortError: CasareError | null = null;
  cancelled = false;
  currentNode: string | null = null;
  readonly controller = new AbortController();
  readonly stopOnError: boolean;
  readonly retryCount: number;
  readonly nodeTimeoutMs: number;
  readonly maxLoopIterations: number;
  readonly mapUrl: (url: string) => string;
  readonly urlMap: Readonly<Record<string, string>>;
  readonly startedAt = performance.now();
  private readonly deadline: number;
  private readonly trace: RawTrace[] = [];
  private readonly maxTrace: number;
  private traceDropped = 0;
  private lastYield = performance.now();
  private ticks = 0;
  private readonly cleanup: (() => void)[] = [];

  constructor(
    readonly workflow: CompiledWorkflow,
    readonly options: RunOptions,
  ) {
    this.scope = new RunScope(workflow.nodeIds);
    for (const [name, raw] of Object.entries(workflow.variables)) this.scope.set(name, initialValue(raw));
    for (const [name, value] of Object.entries(options.variables ?? {})) this.scope.set(name, value);
    const settings = workflow.settings;
    this.stopOnError = settings.stop_on_error !== false;
    this.retryCount = typeof settings.retry_count === 'number' ? settings.retry_count : 0;
    this.nodeTimeoutMs =
      options.nodeTimeoutMs ??
      (typeof settings.node_timeout === 'number' ? settings.node_timeout * 1000 : DEFAULT_NODE_TIMEOUT_MS);
    this.maxLoopIterations = options.maxLoopIterations ?? DEFAULT_MAX_LOOP_ITERATIONS;
    this.maxTrace = options.maxTraceEntries ?? DEFAULT_MAX_TRACE;
    this.urlMap = options.urlMap ?? {};
    this.mapUrl = createUrlMapper(this.urlMap);
    const timeoutMs =
      options.timeoutMs ?? (typeof settings.timeout === 'number' ? settings.timeout * 1000 : undefined);
    this.deadline = timeoutMs === undefined ? Number.POSITIVE_INFINITY : this.startedAt + timeoutMs;
    if (timeoutMs !== undefined) {
      const timer = setTimeout(() => this.abort(this.timeoutError(timeoutMs)), timeoutMs);
      this.cleanup.push(() => clearTimeout(timer));
    }
    const signal = options.signal;
    if (signal) {
      const onAbort = () => this.cancel(signal.reason);
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        this.cleanup.push(() => signal.removeEventListener('abort', onAbort));
      }
    }
  }

  dispose(): void {
    for (const fn of this.cleanup.splice(0)) fn();
  }

  abort(error: CasareError): void {
    if (this.abortError) return;
    this.abortError = error;
    this.controller.abort(error);
  }

  private cancel(reason: unknown): void {
    if (this.abortError) return;
    this.cancelled = true;
    const error =
      reason instanceof CasareError
        ? reason
        : systemError(
            EngineErrorCode.CANCELLED,
            typeof reason === 'string' && reason !== ''
              ? `the job was cancelled (${reason})`
              : 'the job was cancelled',
            false,
          );
    this.log('warning', this.currentNode, `run cancelled: ${error.message}`);
    this.abort(error);
  }

  private timeoutError(ms: number): CasareError {
    return systemError(EngineErrorCode.JOB_TIMEOUT, `the job timed out after ${ms / 1000} s`, true);
  }

  /**
   * Called between nodes: stops a cancelled or timed-out run, and now and then yields to the
   * event loop so that a long run of synchronous nodes cannot starve timers and abort signals.
   * Returns a promise only when it actually yields (the common path stays synchronous).
   */
  checkpoint(): Promise<void> | undefined {
    if (this.abortError) throw this.abortError;
    if ((++this.ticks & 15) !== 0) return undefined;
    const now = performance.now();
    if (now > this.deadline) {
      this.abort(this.timeoutError(this.deadline - this.startedAt));
      throw this.abortError;
    }
    if (now - this.lastYield < YIELD_EVERY_MS) return undefined;
    return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.lastYield = performance.now();
      if (this.abortError) throw this.abortError;
    });
  }

  /** An abortable pause (retry backoff). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.abortError) return reject(this.abortError);
      const signal = this.controller.signal;
      const onAbort = () => {
        clearTimeout(timer);
        reject(this.abortError);
      };
      const timer = setTimeout(() => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal.addEventListener('abort', onAbort, { once: true });
    });
  }

  log(level: LogLevel, nodeId: string | null, message: string): void {
    const sink = this.options.onLog;
    if (!sink) return;
    try {
      sink({ ts: new Date().toISOString(), level, node_id: nodeId, message });
    } catch {
      // A failing log sink must not fail the workflow.
    }
  }

  /** `t0` is the performance.now() at which the execution started. */
  record(id: string, attempt: number, status: TraceEntry['status'], t0: number): void {
    this.executed++;
    if (this.trace.length >= this.maxTrace) {
      if (this.traceDropped++ === 0)
        this.log('warning', null, `trace truncated after ${this.maxTrace} entries`);
      return;
    }
    this.trace.push({ id, attempt, status, start: t0, duration: performance.now() - t0 });
  }

  traceEntries(): TraceEntry[] {
    return this.trace.map((t) => ({
      node_id: t.id,
      attempt: t.attempt,
      status: t.status,
      started_at: new Date(performance.timeOrigin + t.start).toISOString(),
      duration_ms: Math.round(t.duration * 1000) / 1000,
    }));
  }

  innermostLoop(): string | undefined {
    return this.frames[this.frames.length - 1]?.id;
  }

  isRunningLoop(id: string): boolean {
    for (let i = this.frames.length - 1; i >= 0; i--) if (this.frames[i]!.id === id) return true;
    return false;
  }
}
