import { toJobError } from '../errors.js';
import type { JobError } from '../jobs/shapes.js';
import { defaultRegistry } from '../nodes/catalogue.js';
import { parseDefinition } from './definition.js';
import { EngineErrorCode } from './errors.js';
import { runPath } from './executor.js';
import { type CompiledWorkflow, compileWorkflow } from './graph.js';
import { buildResult } from './result.js';
import { Run } from './run-state.js';
import type { RunOptions, RunOutcome, ValidationIssue } from './types.js';

/**
 * Runs a CasareRPA workflow to the end. Never throws for workflow problems: an invalid
 * definition, a failed node, cancellation and timeouts all come back as an outcome with the
 * contract's error shape. Start nodes run one after another, in file order.
 */
export async function runWorkflow(definition: unknown, opts: RunOptions = {}): Promise<RunOutcome> {
  const started = performance.now();
  const parsed = parseDefinition(definition);
  let workflow: CompiledWorkflow | null = null;
  let issues = parsed.issues;
  if (parsed.definition && issues.length === 0) {
    const compiled = compileWorkflow(parsed.definition, opts.registry ?? defaultRegistry);
    workflow = compiled.workflow;
    issues = compiled.issues;
  }
  if (!workflow) {
    return { status: 'failed', result: buildResult(null, started), error: invalidWorkflowError(issues) };
  }

  const run = new Run(workflow, opts);
  run.log('debug', null, `workflow "${workflow.name}" started (${workflow.nodes.size} nodes)`);
  try {
    const seen = new Set<string>();
    for (const start of workflow.starts) await runPath(run, [start], null, seen);
    run.log('debug', null, `workflow "${workflow.name}" completed`);
    return { status: 'completed', result: buildResult(run, started) };
  } catch (err) {
    const error = toJobError(err, run.currentNode);
    const status = run.cancelled ? 'cancelled' : 'failed';
    if (!run.cancelled) run.log('error', error.node_id, `workflow failed: ${error.code}: ${error.message}`);
    return { status, result: buildResult(run, started), error };
  } finally {
    run.dispose();
  }
}

/**
 * One error for the whole definition, on one line: every unknown node type with its node
 * when there are any (the usual problem with files from a newer CasareRPA), else the first
 * issue and how many more there are.
 */
export function invalidWorkflowError(issues: readonly ValidationIssue[]): JobError {
  const unknown = issues.filter((i) => i.code === 'UNKNOWN_NODE_TYPE');
  const first = unknown[0] ?? issues[0];
  const rest = issues.length - (unknown.length > 0 ? unknown.length : 1);
  const more = rest > 0 ? ` (and ${rest} more issue${rest > 1 ? 's' : ''})` : '';
  const nodeMatch = first ? /^\/nodes\/([^/]+)/.exec(first.pointer) : null;
  let message = 'invalid workflow';
  if (unknown.length > 0) message = `invalid workflow: ${unknown.map((i) => i.message).join('; ')}${more}`;
  else if (first) message = `invalid workflow: ${first.pointer || '/'}: ${first.message}${more}`;
  return {
    code: EngineErrorCode.INVALID_WORKFLOW,
    message,
    node_id: nodeMatch ? nodeMatch[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : null,
    fault: 'workflow',
    retryable: false,
  };
}
