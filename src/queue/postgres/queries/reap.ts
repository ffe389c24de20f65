import { sql } from '../../../db/types.js';

/**
 * Return up to $1 running jobs whose lease expired: to pending (the attempt stays counted),
 * to failed as a dead letter when no attempts remain, or to cancelled when one was requested.
 * Clearing the token fences the robot that lost the lease out of this job.
 * $1 limit, $2 error jsonb recorded for the lost attempt
 */
export const REAP_EXPIRED = sql(
  'casare_reap_expired',
  `WITH expired AS (
     SELECT id, tenant_id, attempts, robot_id, started_at,
       CASE WHEN cancel_requested THEN 'cancelled'
            WHEN attempts >= max_attempts THEN 'failed'
            ELSE 'pending' END AS next_status
     FROM job_queue
     WHERE status = 'running' AND lease_expires_at < now()
     ORDER BY lease_expires_at
     LIMIT $1
     FOR UPDATE SKIP LOCKED
   ), history AS (
     INSERT INTO job_attempts (job_id, attempt, tenant_id, robot_id, outcome, error, started_at)
     SELECT id, attempts, tenant_id, robot_id, 'lease_expired', $2::jsonb, started_at FROM expired
   )
   UPDATE job_queue j
   SET status = e.next_status,
       lease_token = NULL, lease_expires_at = NULL, robot_id = NULL,
       error = CASE WHEN e.next_status = 'pending' THEN j.error ELSE $2::jsonb END,
       dead_letter = (e.next_status = 'failed'),
       run_at = now(), waiting_reason = NULL,
       completed_at = CASE WHEN e.next_status = 'pending' THEN NULL ELSE now() END,
       updated_at = now()
   FROM expired e WHERE j.id = e.id
   RETURNING j.status`,
);
