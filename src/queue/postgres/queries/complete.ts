import { sql } from '../../../db/types.js';

/**
 * Complete a job held by this token. The token stays on the row as the record of who finished it.
 * $1 job id, $2 lease token, $3 result jsonb
 */
export const COMPLETE = sql(
  'casare_complete',
  `UPDATE job_queue
   SET status = 'completed', result = $3::jsonb, error = NULL, completed_at = now(), lease_expires_at = NULL,
       cancel_requested = false, updated_at = now()
   WHERE id = $1 AND lease_token = $2 AND status = 'running'
   RETURNING id`,
);

/**
 * Complete many jobs in one round trip; only rows whose token still holds are touched.
 * $1 jsonb array of {id, token, result}
 */
export const COMPLETE_BATCH = sql(
  'casare_complete_batch',
  `UPDATE job_queue j
   SET status = 'completed', result = u.result, error = NULL, completed_at = now(), lease_expires_at = NULL,
       cancel_requested = false, updated_at = now()
   FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, token uuid, result jsonb)
   WHERE j.id = u.id AND j.lease_token = u.token AND j.status = 'running'
   RETURNING j.id`,
);
