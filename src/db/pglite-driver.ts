import fs from 'node:fs/promises';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import type { Db, Queryable, QueryResult, Sql } from './types.js';

type Runner = PGlite | Transaction;

async function run<R>(
  runner: Runner,
  statement: Sql | string,
  params?: readonly unknown[],
): Promise<QueryResult<R>> {
  const text = typeof statement === 'string' ? statement : statement.text;
  const res = await runner.query<R>(text, params as unknown[] | undefined);
  // SELECT/RETURNING fill rows; plain DML reports affectedRows.
  return { rows: res.rows, rowCount: res.rows.length > 0 ? res.rows.length : (res.affectedRows ?? 0) };
}

/**
 * Embedded PostgreSQL (PGlite, Postgres compiled to WASM) stored under `dataDir`.
 * PGlite has a single connection and serialises statements itself; a transaction holds
 * that connection, so code inside `transaction` must only use the `tx` it is given.
 */
export async function openPglite(dataDir: string | undefined): Promise<Db> {
  if (dataDir) await fs.mkdir(dataDir, { recursive: true });
  const pg = await PGlite.create(dataDir ?? 'memory://');
  let closed = false;

  const db: Db = {
    driver: 'pglite',
    query: (statement, params) => run(pg, statement, params),
    transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      return pg.transaction((tx) => fn({ query: (s, p) => run(tx, s, p) }));
    },
    async exec(script) {
      await pg.exec(script);
    },
    async listen(channel, handler) {
      const unsub = await pg.listen(channel, (payload) => handler(payload));
      return async () => {
        if (!closed) await unsub();
      };
    },
    // One process owns a PGlite directory, so there is nobody to lock out; migrations run
    // before anything else touches the database.
    withAdvisoryLock(_key, fn) {
      return fn({
        query: (s, p) => run(pg, s, p),
        exec: async (script) => {
          await pg.exec(script);
        },
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
    },
  };
  return db;
}
