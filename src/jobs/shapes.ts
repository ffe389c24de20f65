/**
 * The job result and error shapes of the public contract (CONTRACT.md, "Jobs").
 * Shared by the engine (which produces them), the queue (which stores them) and the API.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface TraceEntry {
  node_id: string;
  attempt: number;
  status: 'completed' | 'failed' | 'skipped' | 'cancelled';
  started_at: string; // ISO-8601
  duration_ms: number;
}

export interface JobResult {
  variables: Record<string, unknown>;
  outputs: Record<string, Record<string, unknown>>;
  executed_nodes: number;
  duration_ms: number;
  trace: TraceEntry[];
}

/** Whose fault a failure is: the workflow author's (bad input, assertion) or the system's (crash, timeout, DB). */
export type Fault = 'workflow' | 'system';

export interface JobError {
  code: string;
  message: string;
  node_id: string | null;
  fault: Fault;
  retryable: boolean;
}

export type LogLevel = 'debug' | 'info' | 'warning' | 'error';

export interface JobLogEntry {
  ts: string; // ISO-8601
  level: LogLevel;
  node_id: string | null;
  message: string;
}
