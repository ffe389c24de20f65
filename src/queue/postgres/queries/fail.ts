import { sql } from '../../../db/types.js';

/**
 * Record a failed attempt of a job held by this token. It goes back to pending after an
 * exponential backoff with jitter while the error is retryable and attempts remain, to
 * failed (dead letter) otherwise, or to cancelled when a cancel was requested.
 * The attempt is kept in job_attempts either way.
 * $1 job id, $2 lease token, $3 error jsonb, $4 retryable boolean,
 * $5 backoff base seconds, $6 backoff cap seconds, $7 the attempt's partial result jsonb (null = keep)
 */
export const FAIL = sql(
  'casare_fail',
  `WITH cur AS (
     SELECT id, tenant_id, attempts, max_attempts, cancel_requested, robot_id, started_at,
       CASE WHEN cancel_requested THEN 'cancelled'
            WHEN $4::boolean AND attempts < max_attempts THEN 'pending'
            ELSE 'failed' END AS next_status
     FROM job_queue WHERE id = $1 AND lease_token = $2 AND status = 'running'
     FOR UPDATE
   ), history AS (
     INSERT INTO job_attempts (job_id, attempt, tenant_id, robot_id, outcome, error, started_at)
     SELECT id, attempts, tenant_id, robot_id,
       CASE WHEN next_status = 'cancelled' THEN 'cancelled' ELSE 'failed' END, $3::jsonb, started_at
     FROM cur
   )
   UPDATE job_queue j
   SET status = cur.next_status,
       error = $3::jsonb,
       result = coalesce($7::jsonb, j.result),
       dead_letter = (cur.next_status = 'failed'),
       lease_token = CASE WHEN cur.next_status = 'pending' THEN NULL ELSE j.lease_token END,
       lease_expires_at = NULL,
       robot_id = CASE WHEN cur.next_status = 'pending' THEN NULL ELSE j.robot_id END,
       run_at = CASE WHEN cur.next_status = 'pending'
         THEN now() + make_interval(secs => least($6::float8, $5::float8 * power(2, cur.attempts - 1))
                                            * (0.5 + random() * 0.5))
         ELSE j.run_at END,
       waiting_reason = CASE WHEN cur.next_status = 'pending' THEN 'backoff' END,
       completed_at = CASE WHEN cur.next_status = 'pending' THEN NULL ELSE now() END,
       updated_at = now()
   FROM cur WHERE j.id = cur.id
   RETURNING j.status, j.run_at`,
);
