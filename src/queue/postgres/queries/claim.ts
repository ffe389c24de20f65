import { sql } from '../../../db/types.js';
import { J_JOB_COLUMNS } from './columns.js';

/**
 * Claim up to $6 claimable jobs for a robot, highest priority first, then oldest.
 * SKIP LOCKED lets concurrent claimers pass each other without waiting or double-claiming.
 * Every claimed job gets a fresh lease token; the attempt is counted here.
 * $1 robot_id, $2 tenant_id, $3 environment, $4 region (null = only region-less jobs),
 * $5 robot capabilities text[], $6 limit, $7 lease seconds
 */
export const CLAIM = sql(
  'casare_claim',
  `WITH picked AS (
     SELECT id FROM job_queue
     WHERE status = 'pending' AND run_at <= now()
       AND tenant_id = $2 AND environment = $3
       AND (region IS NULL OR region = $4)
       AND capabilities <@ $5::text[]
     ORDER BY priority DESC, seq
     LIMIT $6
     FOR UPDATE SKIP LOCKED
   )
   UPDATE job_queue j
   SET status = 'running', attempts = j.attempts + 1, lease_token = gen_random_uuid(),
       lease_expires_at = now() + make_interval(secs => $7), robot_id = $1, started_at = now(),
       waiting_reason = NULL, updated_at = now()
   FROM picked WHERE j.id = picked.id
   RETURNING ${J_JOB_COLUMNS}, j.lease_token, j.lease_expires_at, j.seq`,
);

/**
 * When the next job this claimer could see becomes due (scheduled or in backoff).
 * $1 tenant_id, $2 environment, $3 region, $4 capabilities text[]
 */
export const NEXT_RUN_AT = sql(
  'casare_next_run_at',
  `SELECT min(run_at) AS run_at FROM job_queue
   WHERE status = 'pending' AND run_at > now()
     AND tenant_id = $1 AND environment = $2 AND (region IS NULL OR region = $3)
     AND capabilities <@ $4::text[]`,
);
