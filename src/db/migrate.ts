import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.js';

/** Advisory lock key for migrations ("casare" in ASCII, truncated to int4 range). */
const MIGRATION_LOCK_KEY = 0x63617361;

export const MIGRATIONS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../migrations');

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await fs.readdir(dir)).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const out: Migration[] = [];
  for (const file of files) {
    out.push({
      version: Number(file.slice(0, 4)),
      name: file,
      sql: await fs.readFile(path.join(dir, file), 'utf8'),
    });
  }
  return out;
}

/**
 * Applies the pending numbered migrations, each in its own transaction, under an advisory
 * lock so that replicas starting together apply each one exactly once. Returns what it applied.
 */
export async function migrate(db: Db, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await loadMigrations(dir);
  return db.withAdvisoryLock(MIGRATION_LOCK_KEY, async (q) => {
    await q.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const { rows } = await q.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const m of migrations) {
      if (done.has(m.version)) continue;
      await q.exec('BEGIN');
      try {
        await q.exec(m.sql);
        await q.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await q.exec('COMMIT');
      } catch (err) {
        await q.exec('ROLLBACK').catch(() => {});
        throw new Error(`migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`);
      }
      applied.push(m.name);
    }
    return applied;
  });
}

/** True when every migration on disk is recorded (readiness check). */
export async function isMigrated(db: Db, dir = MIGRATIONS_DIR): Promise<boolean> {
  const migrations = await loadMigrations(dir);
  let applied: Set<number>;
  try {
    const { rows } = await db.query<{ version: number }>('SELECT version FROM schema_migrations');
    applied = new Set(rows.map((r) => r.version));
  } catch {
    return false; // no schema_migrations table yet
  }
  return migrations.every((m) => applied.has(m.version));
}
