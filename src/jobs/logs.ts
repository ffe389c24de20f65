import type { Db } from '../db/types.js';
import { sql } from '../db/types.js';
import type { Lease } from '../queue/contract.js';
import type { JobLogEntry } from './shapes.js';

/**
 * Append log lines for the job this lease holds: a robot that lost its lease cannot write
 * into the new holder's log. $1 job id, $2 lease token, $3 jsonb array of entries
 */
const APPEND_LOGS = sql(
  'casare_append_logs',
  `INSERT INTO job_logs (job_id, tenant_id, attempt, ts, level, node_id, message)
   SELECT j.id, j.tenant_id, j.attempts, e.ts, e.level, e.node_id, e.message
   FROM job_queue j, jsonb_to_recordset($3::jsonb) AS e(ts timestamptz, level text, node_id text, message text)
   WHERE j.id = $1 AND j.lease_token = $2`,
);

/** $1 tenant_id, $2 job id, $3 after log id, $4 limit */
const LIST_LOGS = sql(
  'casare_list_logs',
  `SELECT id, attempt, ts, level, node_id, message FROM job_logs
   WHERE tenant_id = $1 AND job_id = $2 AND id > $3 ORDER BY id LIMIT $4`,
);

export interface StoredLogEntry extends JobLogEntry {
  id: number;
  attempt: number;
}

/** Hard cap per line so one runaway log cannot bloat the table. */
const MAX_MESSAGE = 8192;

export class JobLogStore {
  constructor(private readonly db: Db) {}

  async append(lease: Lease, entries: JobLogEntry[]): Promise<number> {
    if (entries.length === 0) return 0;
    const clean = entries.map((e) => ({
      ts: e.ts,
      level: e.level,
      node_id: e.node_id,
      message: e.message.length > MAX_MESSAGE ? `${e.message.slice(0, MAX_MESSAGE)}…` : e.message,
    }));
    const res = await this.db.query(APPEND_LOGS, [lease.jobId, lease.token, JSON.stringify(clean)]);
    return res.rowCount;
  }

  async list(tenantId: string, jobId: string, after = 0, limit = 1000): Promise<StoredLogEntry[]> {
    const { rows } = await this.db.query<{
      id: number;
      attempt: number;
      ts: Date;
      level: JobLogEntry['level'];
      node_id: string | null;
      message: string;
    }>(LIST_LOGS, [tenantId, jobId, after, limit]);
    return rows.map((r) => ({
      id: r.id,
      attempt: r.attempt,
      ts: r.ts.toISOString(),
      level: r.level,
      node_id: r.node_id,
      message: r.message,
    }));
  }
}
