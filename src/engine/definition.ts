import { jsonPointer } from './config.js';
import { EngineErrorCode } from './errors.js';
import { isPlainObject, setOwn } from './expressions/semantics.js';
import type { ValidationIssue, WorkflowConnection, WorkflowDefinition, WorkflowNode } from './types.js';

const INVALID = EngineErrorCode.INVALID_WORKFLOW;

/**
 * Checks the JSON shape of a workflow and returns a normalised copy (config defaults to {},
 * connections to []). Bad connections are reported and left out so that validation can go on
 * and report everything at once.
 */
export function parseDefinition(input: unknown): {
  definition: WorkflowDefinition | null;
  issues: ValidationIssue[];
} {
  const issues: ValidationIssue[] = [];
  const issue = (pointer: string, message: string, code: string = INVALID) =>
    issues.push({ pointer, code, message });
  let raw = input;
  if (typeof raw === 'string') {
    try {
      raw = JSON.parse(raw);
    } catch (err) {
      issue('', `workflow is not valid JSON: ${(err as Error).message}`);
      return { definition: null, issues };
    }
  }
  if (!isPlainObject(raw)) {
    issue('', 'a workflow must be a JSON object with "nodes" and "connections"');
    return { definition: null, issues };
  }
  if (!isPlainObject(raw.nodes)) {
    issue('/nodes', '"nodes" must be an object keyed by node id');
    return { definition: null, issues };
  }
  const nodes: Record<string, WorkflowNode> = {};
  for (const [id, node] of Object.entries(raw.nodes)) {
    const at = jsonPointer('nodes', id);
    if (!isPlainObject(node)) {
      issue(at, `node "${id}" must be an object`);
      continue;
    }
    if (typeof node.node_type !== 'string' || node.node_type.trim() === '') {
      issue(`${at}/node_type`, `node "${id}" has no node_type`);
      continue;
    }
    if (node.config !== undefined && node.config !== null && !isPlainObject(node.config)) {
      issue(`${at}/config`, `node "${id}": config must be an object`);
      continue;
    }
    // The dict key is authoritative; CasareRPA silently repairs a differing node_id the same way.
    setOwn(nodes, id, {
      node_id: id,
      node_type: node.node_type,
      config: (node.config as Record<string, unknown>) ?? {},
    });
  }
  const connections: WorkflowConnection[] = [];
  if (raw.connections !== undefined && !Array.isArray(raw.connections)) {
    issue('/connections', '"connections" must be a list');
  } else {
    const list: unknown[] = raw.connections ?? [];
    for (let i = 0; i < list.length; i++) {
      const conn = parseConnection(list[i], i, raw.nodes, issue);
      if (conn) connections.push(conn);
    }
  }
  if (raw.variables !== undefined && raw.variables !== null && !isPlainObject(raw.variables)) {
    issue('/variables', '"variables" must be an object');
  }
  const settings = raw.settings ?? {};
  if (!isPlainObject(settings)) {
    issue('/settings', '"settings" must be an object');
  } else {
    checkSetting(
      settings,
      'timeout',
      (v) => typeof v === 'number' && v > 0,
      'a positive number of seconds',
      issue,
    );
    checkSetting(
      settings,
      'node_timeout',
      (v) => typeof v === 'number' && v > 0,
      'a positive number of seconds',
      issue,
    );
    checkSetting(
      settings,
      'retry_count',
      (v) => Number.isInteger(v) && (v as number) >= 0,
      'a whole number ≥ 0',
      issue,
    );
    checkSetting(settings, 'stop_on_error', (v) => typeof v === 'boolean', 'true or false', issue);
  }
  const definition: WorkflowDefinition = {
    metadata: isPlainObject(raw.metadata) ? raw.metadata : {},
    nodes,
    connections,
    variables: isPlainObject(raw.variables) ? raw.variables : {},
    settings: isPlainObject(settings) ? settings : {},
  };
  return { definition, issues };
}

function checkSetting(
  settings: Record<string, unknown>,
  key: string,
  ok: (v: unknown) => boolean,
  expected: string,
  issue: (pointer: string, message: string) => void,
): void {
  const v = settings[key];
  if (v !== undefined && v !== null && !ok(v))
    issue(`/settings/${key}`, `settings.${key} must be ${expected}`);
}

function parseConnection(
  c: unknown,
  i: number,
  nodes: Record<string, unknown>,
  issue: (pointer: string, message: string, code?: string) => void,
): WorkflowConnection | null {
  const at = `/connections/${i}`;
  if (!isPlainObject(c)) {
    issue(at, 'a connection must be an object');
    return null;
  }
  for (const key of ['source_node', 'source_port', 'target_node', 'target_port'] as const) {
    if (typeof c[key] !== 'string' || c[key] === '') {
      issue(`${at}/${key}`, `connection ${i} has no ${key}`);
      return null;
    }
  }
  const conn = c as unknown as WorkflowConnection;
  let ok = true;
  for (const end of ['source_node', 'target_node'] as const) {
    if (!Object.hasOwn(nodes, conn[end])) {
      issue(`${at}/${end}`, `connection ${i} refers to a missing node "${conn[end]}"`, 'UNKNOWN_NODE');
      ok = false;
    }
  }
  return ok ? conn : null;
}
