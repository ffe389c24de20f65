import type { NodeDefinition } from './types.js';

/**
 * Node types by their exact `node_type` string (and aliases). Families register arrays of
 * definitions (see catalogue.ts), so adding a family is one import; a registry can also be
 * built ad hoc, e.g. by tests that need a slow or failing node.
 */
export class NodeRegistry {
  readonly #byType = new Map<string, NodeDefinition>();
  readonly #definitions: NodeDefinition[] = [];

  constructor(definitions: Iterable<NodeDefinition> = []) {
    for (const def of definitions) this.register(def);
  }

  register(def: NodeDefinition): this {
    for (const name of [def.type, ...(def.aliases ?? [])]) {
      const existing = this.#byType.get(name);
      if (existing && existing !== def) {
        throw new Error(`node type "${name}" is registered twice (${existing.family} and ${def.family})`);
      }
      this.#byType.set(name, def);
    }
    this.#definitions.push(def);
    return this;
  }

  get(type: string): NodeDefinition | undefined {
    return this.#byType.get(type);
  }

  has(type: string): boolean {
    return this.#byType.has(type);
  }

  /** Every registered definition, in registration order. */
  list(): readonly NodeDefinition[] {
    return this.#definitions;
  }

  /** A new registry with these definitions added (the receiver is unchanged). */
  extend(definitions: Iterable<NodeDefinition>): NodeRegistry {
    const next = new NodeRegistry(this.#definitions);
    for (const def of definitions) next.register(def);
    return next;
  }
}
