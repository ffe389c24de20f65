import { sql } from '../../../db/types.js';
import { JOB_COLUMNS } from './columns.js';

/**
 * Cancel: a pending job ends now; a running one is flagged for its holder's next heartbeat.
 * $1 tenant_id, $2 job id
 */
export const CANCEL = sql(
  'casare_cancel',
  `UPDATE job_queue
   SET status = CASE WHEN status = 'pending' THEN 'cancelled' ELSE status END,
       cancel_requested = (status = 'running'),
       completed_at = CASE WHEN status = 'pending' THEN now() ELSE completed_at END,
       waiting_reason = NULL, updated_at = now()
   WHERE tenant_id = $1 AND id = $2 AND status IN ('pending', 'running')
   RETURNING ${JOB_COLUMNS}`,
);

/**
 * Retry a failed or cancelled job under the same id with a fresh attempt budget.
 * Its attempt history stays in job_attempts.
 * $1 tenant_id, $2 job id
 */
export const RETRY = sql(
  'casare_retry',
  `UPDATE job_queue
   SET status = 'pending', attempts = 0, dead_letter = false, cancel_requested = false, result = NULL,
       error = NULL, lease_token = NULL, lease_expires_at = NULL, robot_id = NULL, run_at = now(),
       waiting_reason = NULL, started_at = NULL, completed_at = NULL, updated_at = now()
   WHERE tenant_id = $1 AND id = $2 AND status IN ('failed', 'cancelled')
   RETURNING ${JOB_COLUMNS}`,
);
