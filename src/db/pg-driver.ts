import pg from 'pg';
import type { Db, Queryable, QueryResult, Sql } from './types.js';

// COUNT(*) and bigserial come back as int8; our values fit in a double, so parse them as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

export interface PgDriverOptions {
  connectionString: string;
  /** Pool size; each robot/API request borrows one connection per statement. */
  max?: number;
  applicationName?: string;
}

function toConfig(statement: Sql | string, params: readonly unknown[] | undefined): pg.QueryConfig {
  const values = params as unknown[] | undefined;
  return typeof statement === 'string'
    ? { text: statement, values }
    : { name: statement.name, text: statement.text, values };
}

function wrap<R>(res: pg.QueryResult): QueryResult<R> {
  return { rows: res.rows as R[], rowCount: res.rowCount ?? res.rows.length };
}

class ClientQueryable implements Queryable {
  constructor(private readonly client: pg.PoolClient | pg.Client) {}
  async query<R>(statement: Sql | string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return wrap<R>(await this.client.query(toConfig(statement, params)));
  }
  async exec(script: string): Promise<void> {
    await this.client.query(script);
  }
}

/** A LISTEN connection that re-connects with backoff and re-subscribes after a failure. */
class Listener {
  private client: pg.Client | null = null;
  private readonly handlers = new Map<string, Set<(payload: string | null) => void>>();
  private closed = false;
  private connecting: Promise<void> | null = null;
  private retryMs = 100;

  constructor(private readonly connectionString: string) {}

  async subscribe(channel: string, handler: (payload: string | null) => void): Promise<() => Promise<void>> {
    let set = this.handlers.get(channel);
    const first = set === undefined;
    if (!set) {
      set = new Set();
      this.handlers.set(channel, set);
    }
    set.add(handler);
    await this.ensure();
    if (first && this.client) await this.client.query(`LISTEN ${quoteIdent(channel)}`);
    return async () => {
      set.delete(handler);
      if (set.size === 0) {
        this.handlers.delete(channel);
        await this.client?.query(`UNLISTEN ${quoteIdent(channel)}`).catch(() => {});
      }
    };
  }

  private ensure(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.connectionString,
      application_name: 'casare-listen',
    });
    client.on('notification', (msg) => {
      for (const h of this.handlers.get(msg.channel) ?? []) h(msg.payload ?? '');
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.handlers.keys()) await client.query(`LISTEN ${quoteIdent(channel)}`);
    this.client = client;
    this.retryMs = 100;
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('end');
    client.end().catch(() => {});
    if (!this.closed) this.reconnectSoon();
  }

  private reconnectSoon(): void {
    const delay = this.retryMs * (0.5 + Math.random() / 2);
    this.retryMs = Math.min(this.retryMs * 2, 5_000);
    setTimeout(() => {
      this.ensure().then(
        // Anything may have been committed while we were away: wake every subscriber once.
        () => {
          for (const set of this.handlers.values()) for (const h of set) h(null);
        },
        () => this.reconnectSoon(),
      );
    }, delay).unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => {});
    }
  }
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`invalid channel name: ${name}`);
  return `"${name}"`;
}

export async function openPg(opts: PgDriverOptions): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: opts.connectionString,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'casare',
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
  });
  // An idle client's error (server restart) must not crash the process; the pool drops it.
  pool.on('error', () => {});
  const listener = new Listener(opts.connectionString);

  const db: Db = {
    driver: 'pg',
    async query<R>(statement: Sql | string, params?: readonly unknown[]) {
      return wrap<R>(await pool.query(toConfig(statement, params)));
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(new ClientQueryable(client));
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async exec(script: string) {
      await pool.query(script);
    },
    listen: (channel, handler) => listener.subscribe(channel, handler),
    async withAdvisoryLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('SELECT pg_advisory_lock($1)', [key]);
        try {
          return await fn(new ClientQueryable(client));
        } finally {
          await client.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => {});
        }
      } finally {
        client.release();
      }
    },
    async close() {
      await listener.close();
      await pool.end();
    },
  };
  return db;
}
