import { defaultRegistry } from '../nodes/catalogue.js';
import type { NodeRegistry } from '../nodes/registry.js';
import { parseDefinition } from './definition.js';
import { compileWorkflow } from './graph.js';
import type { ValidationIssue, WorkflowDefinition } from './types.js';

/**
 * The workflow engine: runs CasareRPA workflow JSON (see ARCHITECTURE.md, "Workflows").
 * It has no I/O of its own; nodes (src/nodes) do the I/O.
 */
export { defaultRegistry } from '../nodes/catalogue.js';
export { NodeRegistry } from '../nodes/registry.js';
export type { NodeContext, NodeDefinition, NodeResult } from '../nodes/types.js';
export { EngineErrorCode } from './errors.js';
export { invalidWorkflowError, runWorkflow } from './run.js';
export type {
  RunOptions,
  RunOutcome,
  ValidationIssue,
  WorkflowConnection,
  WorkflowDefinition,
  WorkflowNode,
  WorkflowSettings,
} from './types.js';

/**
 * Every problem found without running: JSON shape, unknown node types (one issue per node),
 * connections to missing nodes, loop ends paired with missing starts, config values of the
 * wrong type, unparsable expressions. Pointers point into the definition.
 */
export function validateWorkflow(
  definition: unknown,
  registry: NodeRegistry = defaultRegistry,
): ValidationIssue[] {
  const parsed = parseDefinition(definition);
  if (!parsed.definition) return parsed.issues;
  return [...parsed.issues, ...compileWorkflow(parsed.definition, registry).issues];
}

/** Union of the capabilities the workflow's node types declare (e.g. `browser:chromium`), sorted. */
export function requiredCapabilities(
  definition: WorkflowDefinition,
  registry: NodeRegistry = defaultRegistry,
): string[] {
  const caps = new Set<string>();
  const nodes = definition && typeof definition === 'object' ? definition.nodes : undefined;
  if (!nodes || typeof nodes !== 'object') return [];
  for (const node of Object.values(nodes)) {
    const type = (node as { node_type?: unknown } | null)?.node_type;
    if (typeof type !== 'string') continue;
    for (const cap of registry.get(type)?.capabilities ?? []) caps.add(cap);
  }
  return [...caps].sort();
}
