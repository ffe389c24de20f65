import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../db/types.js';
import { sql } from '../db/types.js';
import { DEFAULT_TENANT_ID } from '../queue/contract.js';

export type Role = 'admin' | 'operator' | 'viewer' | 'robot';
export const ROLES: readonly Role[] = ['admin', 'operator', 'viewer', 'robot'];

/** Who is calling. The platform admin (the configured admin key) may act in any tenant. */
export interface Principal {
  platformAdmin: boolean;
  role: Role;
  tenantId: string;
  keyId: string | null;
}

export interface CreatedKey {
  id: string;
  key: string;
  prefix: string;
  role: Role;
  tenantId: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
}

/** $1 tenant_id, $2 name, $3 role, $4 prefix, $5 key_hash, $6 expires_at */
const CREATE_KEY = sql(
  'casare_create_api_key',
  `INSERT INTO api_keys (tenant_id, name, role, prefix, key_hash, expires_at) VALUES ($1, $2, $3, $4, $5, $6)
   RETURNING id, created_at`,
);

/** $1 key_hash */
const FIND_KEY = sql(
  'casare_find_api_key',
  `SELECT id, tenant_id, role FROM api_keys
   WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`,
);

/** $1 tenant_id, $2 key id */
const REVOKE_KEY = sql(
  'casare_revoke_api_key',
  `UPDATE api_keys SET revoked_at = now() WHERE tenant_id = $1 AND id = $2 AND revoked_at IS NULL RETURNING id`,
);

const hash = (key: string) => createHash('sha256').update(key).digest('hex');

/** API keys are shown once and stored only as a SHA-256 hash (they are 256-bit random, so no KDF is needed). */
export class ApiKeyStore {
  /** Positive lookups are cached briefly; a revocation also clears the cache in this process. */
  private readonly cache = new Map<string, { principal: Principal; until: number }>();
  private readonly adminKey: Buffer;

  constructor(
    private readonly db: Db,
    adminKey: string,
    private readonly cacheMs = 5_000,
  ) {
    this.adminKey = Buffer.from(adminKey);
  }

  async create(
    tenantId: string,
    name: string,
    role: Role,
    expiresAt: Date | null = null,
  ): Promise<CreatedKey> {
    const key = `csk_${randomBytes(32).toString('base64url')}`;
    const prefix = key.slice(0, 12);
    const { rows } = await this.db.query<{ id: string; created_at: Date }>(CREATE_KEY, [
      tenantId,
      name,
      role,
      prefix,
      hash(key),
      expiresAt,
    ]);
    const row = rows[0]!;
    return { id: row.id, key, prefix, role, tenantId, name, createdAt: row.created_at, expiresAt };
  }

  async revoke(tenantId: string, id: string): Promise<boolean> {
    const res = await this.db.query(REVOKE_KEY, [tenantId, id]);
    this.cache.clear();
    return res.rowCount > 0;
  }

  async authenticate(presented: string): Promise<Principal | null> {
    const given = Buffer.from(presented);
    if (given.length === this.adminKey.length && timingSafeEqual(given, this.adminKey)) {
      return { platformAdmin: true, role: 'admin', tenantId: DEFAULT_TENANT_ID, keyId: null };
    }
    if (!presented.startsWith('csk_')) return null;
    const h = hash(presented);
    const hit = this.cache.get(h);
    if (hit && hit.until > Date.now()) return hit.principal;
    const { rows } = await this.db.query<{ id: string; tenant_id: string; role: Role }>(FIND_KEY, [h]);
    const row = rows[0];
    if (!row) return null;
    const principal: Principal = {
      platformAdmin: false,
      role: row.role,
      tenantId: row.tenant_id,
      keyId: row.id,
    };
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(h, { principal, until: Date.now() + this.cacheMs });
    return principal;
  }
}
