import { sql } from '../../../db/types.js';

/**
 * Extend a lease held by this token; returns whether a cancel was requested.
 * $1 job id, $2 lease token, $3 lease seconds
 */
export const HEARTBEAT = sql(
  'casare_heartbeat',
  `UPDATE job_queue SET lease_expires_at = now() + make_interval(secs => $3), updated_at = now()
   WHERE id = $1 AND lease_token = $2 AND status = 'running'
   RETURNING cancel_requested, lease_expires_at`,
);

/**
 * Give a job back without counting the attempt (graceful shutdown). A job whose cancel was
 * requested is cancelled instead of requeued.
 * $1 job id, $2 lease token
 */
export const RELEASE = sql(
  'casare_release',
  `UPDATE job_queue
   SET status = CASE WHEN cancel_requested THEN 'cancelled' ELSE 'pending' END,
       attempts = greatest(attempts - 1, 0), lease_token = NULL, lease_expires_at = NULL, robot_id = NULL,
       started_at = NULL, run_at = now(), waiting_reason = NULL,
       completed_at = CASE WHEN cancel_requested THEN now() END, updated_at = now()
   WHERE id = $1 AND lease_token = $2 AND status = 'running'
   RETURNING id`,
);

/**
 * Did this token finish the job already? Lets a robot retry a report whose answer it lost.
 * $1 job id, $2 lease token
 */
export const FINISHED_BY_TOKEN = sql(
  'casare_finished_by_token',
  `SELECT status FROM job_queue WHERE id = $1 AND lease_token = $2 AND status <> 'running'`,
);
