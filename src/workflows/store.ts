import type { Db } from '../db/types.js';
import { CasareError } from '../errors.js';
import {
  CREATE_WORKFLOW,
  GET_VERSION,
  GET_WORKFLOW,
  INSERT_VERSION,
  LIST_WORKFLOWS,
  NEXT_VERSION,
} from './queries.js';

export interface WorkflowSummary {
  id: string;
  tenantId: string;
  name: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface WorkflowWithDefinition extends WorkflowSummary {
  definition: unknown;
  capabilities: string[];
}

interface WorkflowRow {
  id: string;
  tenant_id: string;
  name: string;
  current_version: number;
  created_at: Date;
  updated_at: Date;
  definition?: unknown;
  capabilities?: string[];
}

function toSummary(r: WorkflowRow): WorkflowSummary {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    version: r.current_version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export class WorkflowNotFoundError extends CasareError {
  constructor(id: string, version?: number) {
    super(
      'WORKFLOW_NOT_FOUND',
      version === undefined ? `workflow ${id} not found` : `workflow ${id} version ${version} not found`,
      {
        fault: 'workflow',
      },
    );
  }
}

/** Versioned workflow storage. Versions are immutable, so they are safe to cache anywhere. */
export class WorkflowStore {
  private readonly versionCache = new Map<string, { definition: unknown; capabilities: string[] }>();

  constructor(private readonly db: Db) {}

  async create(
    tenantId: string,
    name: string,
    definition: unknown,
    capabilities: string[],
  ): Promise<WorkflowSummary> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<WorkflowRow>(CREATE_WORKFLOW, [tenantId, name]);
      const wf = rows[0]!;
      await tx.query(INSERT_VERSION, [wf.id, 1, tenantId, JSON.stringify(definition), capabilities]);
      return toSummary(wf);
    });
  }

  /** Stores `definition` as the next version and makes it current. */
  async update(
    tenantId: string,
    id: string,
    definition: unknown,
    capabilities: string[],
    name?: string,
  ): Promise<WorkflowSummary> {
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<WorkflowRow>(NEXT_VERSION, [tenantId, id, name ?? null]);
      const wf = rows[0];
      if (!wf) throw new WorkflowNotFoundError(id);
      await tx.query(INSERT_VERSION, [
        wf.id,
        wf.current_version,
        tenantId,
        JSON.stringify(definition),
        capabilities,
      ]);
      return toSummary(wf);
    });
  }

  async get(tenantId: string, id: string): Promise<WorkflowWithDefinition | null> {
    const { rows } = await this.db.query<WorkflowRow>(GET_WORKFLOW, [tenantId, id]);
    const r = rows[0];
    if (!r) return null;
    return { ...toSummary(r), definition: r.definition, capabilities: r.capabilities ?? [] };
  }

  async list(tenantId: string, limit: number): Promise<WorkflowSummary[]> {
    const { rows } = await this.db.query<WorkflowRow>(LIST_WORKFLOWS, [tenantId, limit]);
    return rows.map(toSummary);
  }

  /** One immutable version, cached after the first read. */
  async getVersion(
    tenantId: string,
    id: string,
    version: number,
  ): Promise<{ definition: unknown; capabilities: string[] }> {
    const key = `${tenantId}/${id}/${version}`;
    const hit = this.versionCache.get(key);
    if (hit) return hit;
    const { rows } = await this.db.query<{ definition: unknown; capabilities: string[] }>(GET_VERSION, [
      tenantId,
      id,
      version,
    ]);
    const row = rows[0];
    if (!row) throw new WorkflowNotFoundError(id, version);
    if (this.versionCache.size > 1000) this.versionCache.clear();
    this.versionCache.set(key, row);
    return row;
  }
}
