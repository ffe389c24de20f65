import type { Db } from '../db/types.js';
import { sql } from '../db/types.js';

/** $1 id-or-name (text) */
const RESOLVE_TENANT = sql(
  'casare_resolve_tenant',
  `SELECT id, name FROM tenants WHERE id::text = $1 OR name = $1 ORDER BY (id::text = $1) DESC LIMIT 1`,
);

const LIST_TENANTS = sql(
  'casare_list_tenants',
  'SELECT id, name, created_at FROM tenants ORDER BY created_at, name',
);

export interface Tenant {
  id: string;
  name: string;
}

/** Looks tenants up by id or name; answers are cached briefly since tenants rarely change. */
export class TenantDirectory {
  private readonly cache = new Map<string, { tenant: Tenant | null; until: number }>();

  constructor(private readonly db: Db) {}

  async resolve(idOrName: string): Promise<Tenant | null> {
    const hit = this.cache.get(idOrName);
    if (hit && hit.until > Date.now()) return hit.tenant;
    const { rows } = await this.db.query<Tenant>(RESOLVE_TENANT, [idOrName]);
    const tenant = rows[0] ?? null;
    this.cache.set(idOrName, { tenant, until: Date.now() + 10_000 });
    return tenant;
  }

  async list(): Promise<(Tenant & { created_at: Date })[]> {
    const { rows } = await this.db.query<Tenant & { created_at: Date }>(LIST_TENANTS);
    return rows;
  }
}
