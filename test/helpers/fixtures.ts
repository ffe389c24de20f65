import fs from 'node:fs';
import path from 'node:path';

/** The CasareRPA sample workflows, copied unchanged into test/fixtures. */
export const WORKFLOWS_DIR = path.resolve(import.meta.dirname, '../fixtures/casare-workflows');

export function loadWorkflow(rel: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(path.join(WORKFLOWS_DIR, rel), 'utf8')) as Record<string, unknown>;
}

/** A minimal valid workflow: one SetVariable node. */
export function tinyWorkflow(value: unknown = 1): Record<string, unknown> {
  return {
    metadata: { name: 'tiny' },
    nodes: { set: { node_id: 'set', node_type: 'SetVariableNode', config: { variable_name: 'x', value } } },
    connections: [],
    variables: {},
    settings: {},
  };
}
