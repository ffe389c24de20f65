import fs from 'node:fs';
import path from 'node:path';
import { type RunOptions, type RunOutcome, runWorkflow } from '../../src/engine/index.js';
import type { JobLogEntry } from '../../src/jobs/shapes.js';

/** CasareRPA's sample workflows, copied unchanged (CI has no /work/shared). */
export const SAMPLES = path.resolve(import.meta.dirname, '../fixtures/casare-workflows');

export function sample(rel: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(SAMPLES, rel), 'utf8')) as Record<string, unknown>;
}

type NodeSpec = [type: string, config?: Record<string, unknown>];

/**
 * A workflow from `{id: [type, config]}` and edges written `from.port -> to`
 * (port defaults to exec_out; `a.result -> b.value` with a data port makes a data edge).
 */
export function workflow(
  nodes: Record<string, NodeSpec>,
  edges: string[] = [],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    metadata: { name: 'test' },
    nodes: Object.fromEntries(
      Object.entries(nodes).map(([id, [type, config]]) => [
        id,
        { node_id: id, node_type: type, config: config ?? {} },
      ]),
    ),
    connections: edges.map(edge),
    variables: {},
    settings: {},
    ...extra,
  };
}

function edge(text: string) {
  const [from, to] = text.split('->').map((s) => s.trim()) as [string, string];
  const [source, sourcePort = 'exec_out'] = from.split('.');
  const [target, targetPort = 'exec_in'] = to.split('.');
  return { source_node: source, source_port: sourcePort, target_node: target, target_port: targetPort };
}

/** `a -> b -> c` as exec_out edges. */
export function chain(...ids: string[]): string[] {
  return ids.slice(1).map((id, i) => `${ids[i]} -> ${id}`);
}

export interface Ran {
  outcome: RunOutcome;
  logs: string[];
  entries: JobLogEntry[];
}

/** Runs and collects LogNode messages (info and above, without engine debug lines). */
export async function run(definition: unknown, opts: RunOptions = {}): Promise<Ran> {
  const entries: JobLogEntry[] = [];
  const outcome = await runWorkflow(definition, { ...opts, onLog: (e) => entries.push(e) });
  const logs = entries.filter((e) => e.level !== 'debug' && e.node_id !== null).map((e) => e.message);
  return { outcome, logs, entries };
}
