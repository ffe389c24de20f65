import type { NodeRegistry } from '../nodes/registry.js';
import type { ControlKind, NodeDefinition } from '../nodes/types.js';
import { type CompiledConfig, compileConfig, jsonPointer } from './config.js';
import { EngineErrorCode } from './errors.js';
import { pairTryBlocks, type TryBlock } from './pairing.js';
import type { ValidationIssue, WorkflowConnection, WorkflowDefinition, WorkflowSettings } from './types.js';

export interface DataInput {
  readonly port: string;
  readonly from: string;
  readonly fromPort: string;
}

export interface CompiledNode {
  readonly id: string;
  readonly type: string;
  readonly def: NodeDefinition;
  readonly config: CompiledConfig;
  /** Exec output port (canonical name) → target node ids. */
  readonly exec: ReadonlyMap<string, readonly string[]>;
  readonly execPorts: ReadonlySet<string>;
  readonly dataInputs: readonly DataInput[];
  readonly control: ControlKind | undefined;
  /** Loop ends, Break and Continue: the loop start named in config, if any. */
  readonly pairedLoop: string | undefined;
}

export interface CompiledWorkflow {
  readonly name: string;
  readonly nodes: ReadonlyMap<string, CompiledNode>;
  readonly nodeIds: ReadonlySet<string>;
  readonly starts: readonly string[];
  readonly tries: ReadonlyMap<string, TryBlock>;
  /** Loop start → the loop-end nodes paired with it (their exec_out continues after the loop). */
  readonly loopEnds: ReadonlyMap<string, readonly string[]>;
  readonly settings: WorkflowSettings;
  readonly variables: Record<string, unknown>;
}

const NO_TARGETS: readonly string[] = [];

export function targetsOf(node: CompiledNode, port: string): readonly string[] {
  return node.exec.get(port) ?? NO_TARGETS;
}

/** An exec (control) connection rather than a data one. */
function isExecConnection(c: WorkflowConnection, source: NodeDefinition | undefined): boolean {
  if (c.target_port.startsWith('exec') || c.source_port.startsWith('exec')) return true;
  if (!source) return false;
  if (source.dynamicExecPrefix && c.source_port.startsWith(source.dynamicExecPrefix)) return true;
  return execPortName(source, c.source_port) !== undefined;
}

function execPortName(def: NodeDefinition, port: string): string | undefined {
  for (const spec of def.execOutputs ?? [{ name: 'exec_out' }]) {
    if (spec.name === port || spec.aliases?.includes(port)) return spec.name;
  }
  return undefined;
}

/** Resolves node types, classifies connections, compiles config and pairs control nodes. */
export function compileWorkflow(
  definition: WorkflowDefinition,
  registry: NodeRegistry,
): { workflow: CompiledWorkflow | null; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const defs = new Map<string, NodeDefinition>();
  for (const [id, node] of Object.entries(definition.nodes)) {
    const def = registry.get(node.node_type);
    if (def) defs.set(id, def);
    else {
      issues.push({
        pointer: jsonPointer('nodes', id, 'node_type'),
        code: 'UNKNOWN_NODE_TYPE',
        message: `node "${id}" has an unknown node type "${node.node_type}"`,
      });
    }
  }

  const exec = new Map<string, Map<string, string[]>>();
  const incoming = new Map<string, string[]>();
  const dataInputs = new Map<string, DataInput[]>();
  for (const c of definition.connections) {
    const source = defs.get(c.source_node);
    if (isExecConnection(c, source)) {
      const port = (source && execPortName(source, c.source_port)) ?? c.source_port;
      const ports = exec.get(c.source_node) ?? new Map<string, string[]>();
      exec.set(c.source_node, ports);
      const targets = ports.get(port) ?? [];
      ports.set(port, targets);
      if (!targets.includes(c.target_node)) targets.push(c.target_node);
      const preds = incoming.get(c.target_node) ?? [];
      incoming.set(c.target_node, preds);
      preds.push(c.source_node);
    } else {
      const list = dataInputs.get(c.target_node) ?? [];
      dataInputs.set(c.target_node, list);
      list.push({ port: c.target_port, from: c.source_node, fromPort: c.source_port });
    }
  }

  const nodes = new Map<string, CompiledNode>();
  for (const [id, node] of Object.entries(definition.nodes)) {
    const def = defs.get(id);
    if (!def) continue;
    const inputs = dataInputs.get(id) ?? [];
    const rawConfig = node.config ?? {};
    const config = compileConfig(def, id, rawConfig, new Set(inputs.map((d) => d.port)), issues);
    const paired = rawConfig.paired_start_id ?? rawConfig.paired_loop_start_id;
    const ports = exec.get(id) ?? new Map<string, string[]>();
    nodes.set(id, {
      id,
      type: node.node_type,
      def,
      config,
      exec: ports,
      execPorts: new Set(ports.keys()),
      dataInputs: inputs,
      control: def.control,
      pairedLoop: typeof paired === 'string' && paired !== '' ? paired : undefined,
    });
  }

  const loopEnds = new Map<string, string[]>();
  for (const n of nodes.values()) {
    if (n.pairedLoop === undefined || !['loop-end', 'break', 'continue'].includes(n.control ?? '')) continue;
    const key = n.control === 'loop-end' ? 'paired_start_id' : 'paired_loop_start_id';
    const pointer = jsonPointer('nodes', n.id, 'config', key);
    const start = Object.hasOwn(definition.nodes, n.pairedLoop) ? definition.nodes[n.pairedLoop] : undefined;
    if (!start) {
      issues.push({
        pointer,
        code: EngineErrorCode.INVALID_WORKFLOW,
        message: `node "${n.id}" is paired with a missing loop start "${n.pairedLoop}"`,
      });
    } else if (defs.get(n.pairedLoop)?.control !== 'loop-start' && defs.has(n.pairedLoop)) {
      issues.push({
        pointer,
        code: EngineErrorCode.INVALID_WORKFLOW,
        message: `node "${n.id}" is paired with "${n.pairedLoop}", which is a ${start.node_type}, not a loop start`,
      });
    } else if (n.control === 'loop-end') {
      loopEnds.set(n.pairedLoop, [...(loopEnds.get(n.pairedLoop) ?? []), n.id]);
    }
  }

  const tries = pairTryBlocks({
    nodes: [...nodes.values()].map((n) => ({
      id: n.id,
      control: n.control,
      config: definition.nodes[n.id]?.config ?? {},
    })),
    incoming,
  });

  const starts = findStarts(nodes, incoming);
  if (starts.length === 0 && [...nodes.values()].some((n) => n.control !== 'annotation')) {
    issues.push({
      pointer: '/nodes',
      code: EngineErrorCode.INVALID_WORKFLOW,
      message: 'no node to start from: add a StartNode, or leave one node without incoming exec connections',
    });
  }
  if (issues.length > 0) return { workflow: null, issues };
  return {
    workflow: {
      name: typeof definition.metadata?.name === 'string' ? definition.metadata.name : 'workflow',
      nodes,
      nodeIds: new Set(Object.keys(definition.nodes)),
      starts,
      tries,
      loopEnds,
      settings: definition.settings ?? {},
      variables: definition.variables ?? {},
    },
    issues,
  };
}

/**
 * StartNodes when the file has any (CasareRPA's entry point); otherwise every node without
 * an incoming exec connection, in file order — except comments, loop ends and the handler
 * halves of try blocks, which only run when control reaches them.
 */
function findStarts(
  nodes: ReadonlyMap<string, CompiledNode>,
  incoming: ReadonlyMap<string, string[]>,
): string[] {
  const explicit = [...nodes.values()].filter((n) => n.type === 'StartNode').map((n) => n.id);
  if (explicit.length > 0) return explicit;
  const skip = new Set<ControlKind | undefined>(['annotation', 'loop-end', 'catch', 'finally']);
  return [...nodes.values()].filter((n) => !incoming.has(n.id) && !skip.has(n.control)).map((n) => n.id);
}
