import path from 'node:path';
import type { Config } from '../config/index.js';
import { openPg } from './pg-driver.js';
import { openPglite } from './pglite-driver.js';
import type { Db } from './types.js';

/** Picks the driver the contract prescribes: `DATABASE_URL` → PostgreSQL, else embedded PGlite. */
export function openDb(
  cfg: Pick<Config, 'databaseUrl' | 'dataDir'>,
  opts: { poolSize?: number } = {},
): Promise<Db> {
  if (cfg.databaseUrl) return openPg({ connectionString: cfg.databaseUrl, max: opts.poolSize });
  return openPglite(path.join(cfg.dataDir, 'db'));
}
