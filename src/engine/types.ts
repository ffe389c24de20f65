import type { JobError, JobLogEntry, JobResult } from '../jobs/shapes.js';
import type { NodeRegistry } from '../nodes/registry.js';

/** A CasareRPA workflow file (the native format). Unknown extra keys are ignored. */
export interface WorkflowDefinition {
  metadata?: { name?: string; description?: string; version?: string; [key: string]: unknown };
  nodes: Record<string, WorkflowNode>;
  connections: WorkflowConnection[];
  /** Plain values or CasareRPA descriptors `{type, default_value | value, description}`. */
  variables?: Record<string, unknown>;
  settings?: WorkflowSettings;
}

export interface WorkflowNode {
  node_id?: string;
  node_type: string;
  config?: Record<string, unknown>;
  position?: unknown;
}

export interface WorkflowConnection {
  source_node: string;
  source_port: string;
  target_node: string;
  target_port: string;
}

export interface WorkflowSettings {
  /** false: a failed node ends its branch and the run goes on. */
  stop_on_error?: boolean;
  /** Job timeout in seconds. */
  timeout?: number;
  /** Extra attempts for a failed node that is rerun-safe and failed retryably. */
  retry_count?: number;
  /** Default node timeout in seconds. */
  node_timeout?: number;
  [key: string]: unknown;
}

export interface RunOptions {
  /** Initial/override workflow variables (job variables win over the file's). */
  variables?: Record<string, unknown>;
  /** Cancellation (job cancelled by user / robot shutting down). A CasareError reason is used as the job error. */
  signal?: AbortSignal;
  /** Per-job timeout; default: settings.timeout seconds when present. */
  timeoutMs?: number;
  /** Default per-node timeout (default 60 s); a node type may declare its own. */
  nodeTimeoutMs?: number;
  /** LogNode output and engine events. */
  onLog?: (entry: JobLogEntry) => void;
  /** URL prefix rewrites for HTTP/browser nodes. */
  urlMap?: Record<string, string>;
  /** The job's own workspace dir (for file nodes). */
  workspaceDir?: string;
  jobId?: string;
  /** Node types available (default: the built-in catalogue). */
  registry?: NodeRegistry;
  /** Safety limit for WhileLoopStart iterations without their own `max_iterations` (default 100 000). */
  maxLoopIterations?: number;
  /** Trace entries kept in the result (default 10 000); executed_nodes still counts all. */
  maxTraceEntries?: number;
}

export type RunOutcome =
  | { status: 'completed'; result: JobResult }
  | { status: 'failed' | 'cancelled'; result: JobResult; error: JobError };

export interface ValidationIssue {
  /** JSON pointer into the definition, e.g. "/nodes/foo/node_type". */
  pointer: string;
  code: string;
  message: string;
}
