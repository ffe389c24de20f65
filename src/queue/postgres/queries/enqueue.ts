import { sql } from '../../../db/types.js';
import { JOB_COLUMNS } from './columns.js';

/**
 * Enqueue one job. An idempotency key that is already taken inserts nothing (the caller
 * then reads the holder with SELECT_BY_IDEMPOTENCY_KEY).
 * $1 tenant_id, $2 workflow_id, $3 workflow_version, $4 payload jsonb, $5 priority,
 * $6 environment, $7 region, $8 capabilities text[], $9 run_at (null = now), $10 max_attempts,
 * $11 timeout_seconds, $12 idempotency_key, $13 idempotency_hash
 */
export const ENQUEUE = sql(
  'casare_enqueue',
  `INSERT INTO job_queue (tenant_id, workflow_id, workflow_version, payload, priority, environment, region,
     capabilities, run_at, max_attempts, timeout_seconds, idempotency_key, idempotency_hash, waiting_reason)
   VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8::text[], coalesce($9::timestamptz, now()), $10, $11, $12, $13,
     CASE WHEN $9::timestamptz > now() THEN 'scheduled' END)
   ON CONFLICT (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
   RETURNING ${JOB_COLUMNS}`,
);

/**
 * Idempotency keys are kept 24 h after their job ends; after that the key is free again.
 * $1 tenant_id, $2 idempotency_key
 */
export const EXPIRE_IDEMPOTENCY_KEY = sql(
  'casare_expire_idempotency_key',
  `UPDATE job_queue SET idempotency_key = NULL
   WHERE tenant_id = $1 AND idempotency_key = $2 AND completed_at < now() - interval '24 hours'`,
);

/** $1 tenant_id, $2 idempotency_key */
export const SELECT_BY_IDEMPOTENCY_KEY = sql(
  'casare_select_by_idempotency_key',
  `SELECT ${JOB_COLUMNS}, idempotency_hash FROM job_queue WHERE tenant_id = $1 AND idempotency_key = $2`,
);

/**
 * Enqueue many jobs in one statement, in input order.
 * $1 jsonb array of {tenant_id, workflow_id, workflow_version, payload, priority, environment,
 *    region, capabilities, run_at, max_attempts, timeout_seconds}
 */
export const ENQUEUE_BATCH = sql(
  'casare_enqueue_batch',
  `INSERT INTO job_queue (tenant_id, workflow_id, workflow_version, payload, priority, environment, region,
     capabilities, run_at, max_attempts, timeout_seconds, waiting_reason)
   SELECT r.tenant_id, r.workflow_id, r.workflow_version, coalesce(r.payload, '{}'), r.priority, r.environment,
     r.region, coalesce(r.capabilities, '{}'), coalesce(r.run_at, now()), r.max_attempts, r.timeout_seconds,
     CASE WHEN r.run_at > now() THEN 'scheduled' END
   FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (tenant_id uuid, workflow_id uuid, workflow_version integer,
     payload jsonb, priority smallint, environment text, region text, capabilities text[], run_at timestamptz,
     max_attempts integer, timeout_seconds integer)) WITH ORDINALITY AS r(tenant_id, workflow_id, workflow_version,
     payload, priority, environment, region, capabilities, run_at, max_attempts, timeout_seconds, ord)
   ORDER BY r.ord
   RETURNING ${JOB_COLUMNS}`,
);
