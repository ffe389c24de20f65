import type { WorkflowDefinition } from '../engine/index.js';
import { requiredCapabilities, validateWorkflow } from '../engine/index.js';
import { ProblemError } from './problem.js';

/**
 * Checks a workflow definition before anything is stored: unknown node types, broken
 * connections and the like answer 422 with a pointer into the request body.
 * Returns the capabilities its nodes need (e.g. browser:chromium).
 */
export function checkWorkflow(definition: unknown, pointerPrefix: string): string[] {
  const issues = validateWorkflow(definition);
  if (issues.length > 0) {
    const unknown = issues.filter((i) => i.code === 'UNKNOWN_NODE_TYPE');
    const headline = unknown.length > 0 ? unknown.map((i) => i.message).join('; ') : issues[0]!.message;
    throw new ProblemError(
      422,
      unknown.length > 0 ? 'UNKNOWN_NODE_TYPE' : 'INVALID_WORKFLOW',
      headline,
      issues.map((i) => ({
        pointer: `#${pointerPrefix}${i.pointer}`,
        detail: i.message,
        location: 'body' as const,
      })),
    );
  }
  return requiredCapabilities(definition as WorkflowDefinition);
}

/** A workflow's display name: the request's, else the file's metadata.name, else "untitled". */
export function workflowName(definition: unknown, given?: string): string {
  if (given) return given;
  const meta = (definition as { metadata?: { name?: unknown } })?.metadata;
  return typeof meta?.name === 'string' && meta.name.trim() !== ''
    ? meta.name.trim().slice(0, 200)
    : 'untitled';
}
