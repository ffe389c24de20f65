import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadMigrations, migrate } from '../../src/db/migrate.js';
import { openPg } from '../../src/db/pg-driver.js';
import { openPglite } from '../../src/db/pglite-driver.js';
import type { Db } from '../../src/db/types.js';
import { sha256Hex } from '../../src/util/canonical-json.js';

/**
 * A fresh, migrated database for one test file, on the driver the suite runs on:
 * DATABASE_URL set → a new PostgreSQL database cloned from a migrated template
 * (cheap: no migrations per test); unset → an in-memory PGlite.
 */
export interface TestDb {
  db: Db;
  /** Connection string of the fresh database (PostgreSQL driver only). */
  url: string | undefined;
  /** Opens another pool on the same database (PostgreSQL) or returns the same Db (PGlite). */
  openAnother(opts?: { max?: number }): Promise<Db>;
  close(): Promise<void>;
}

export const driverName = process.env.DATABASE_URL ? 'pg' : 'pglite';

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The template's name carries a hash of the migrations, so a changed migration builds a new one. */
async function templateName(): Promise<string> {
  const migrations = await loadMigrations();
  const hash = sha256Hex(migrations.map((m) => `${m.name}\n${m.sql}`).join('\n')).slice(0, 12);
  return `casare_tpl_${hash}`;
}

async function ensureTemplate(admin: pg.Client, baseUrl: string, template: string): Promise<void> {
  // Test files run in parallel processes: one builds the template, the others wait for it.
  await admin.query('SELECT pg_advisory_lock(7301)');
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount) return;
    const building = `${template}_build`;
    await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${building}`);
    const db = await openPg({ connectionString: withDatabase(baseUrl, building), max: 1 });
    try {
      await migrate(db);
    } finally {
      await db.close();
    }
    // Renamed only once complete, so a crash mid-build never leaves a half-migrated template.
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
  } finally {
    await admin.query('SELECT pg_advisory_unlock(7301)');
  }
}

export async function openTestDb(): Promise<TestDb> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) {
    const db = await openPglite(undefined);
    await migrate(db);
    return { db, url: undefined, openAnother: async () => db, close: () => db.close() };
  }
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  const name = `casare_t_${randomBytes(6).toString('hex')}`;
  try {
    const template = await templateName();
    await ensureTemplate(admin, baseUrl, template);
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(baseUrl, name);
  const pools: Db[] = [];
  const open = async (max = 10) => {
    const d = await openPg({ connectionString: url, max });
    pools.push(d);
    return d;
  };
  const db = await open();
  return {
    db,
    url,
    openAnother: (opts) => open(opts?.max),
    async close() {
      for (const p of pools) await p.close().catch(() => {});
      const a = new pg.Client({ connectionString: baseUrl });
      await a.connect();
      try {
        await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await a.end();
      }
    },
  };
}
