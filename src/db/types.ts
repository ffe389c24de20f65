/**
 * The storage seam. Two real drivers implement it: PostgreSQL through a `pg` pool and
 * embedded PostgreSQL through PGlite. Nothing above this layer knows which one it has.
 */

/** A named SQL statement. The name lets the `pg` driver prepare it once per connection. */
export interface Sql {
  readonly name: string;
  readonly text: string;
}

/** Declares a statement; `name` must be unique across the codebase. */
export function sql(name: string, text: string): Sql {
  return Object.freeze({ name, text });
}

export type Row = Record<string, unknown>;

export interface QueryResult<R> {
  rows: R[];
  /** Rows returned, or affected by an UPDATE/DELETE/INSERT without RETURNING. */
  rowCount: number;
}

export interface Queryable {
  query<R = Row>(statement: Sql | string, params?: readonly unknown[]): Promise<QueryResult<R>>;
}

export type DriverName = 'pg' | 'pglite';

export interface Db extends Queryable {
  readonly driver: DriverName;
  /** Runs `fn` in one transaction on one connection; rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs a multi-statement script without parameters (migrations). */
  exec(script: string): Promise<void>;
  /**
   * Subscribes to NOTIFY on `channel`. The handler is also called with `null` after the
   * listening connection was re-established, since notifications may have been missed.
   */
  listen(channel: string, handler: (payload: string | null) => void): Promise<() => Promise<void>>;
  /** Runs `fn` while holding a session-level advisory lock (used to serialise migrations). */
  withAdvisoryLock<T>(
    key: number,
    fn: (q: Queryable & { exec(script: string): Promise<void> }) => Promise<T>,
  ): Promise<T>;
  close(): Promise<void>;
}
