import { sql } from '../../../db/types.js';
import { JOB_COLUMNS } from './columns.js';

/** $1 tenant_id, $2 job id */
export const GET_JOB = sql(
  'casare_get_job',
  `SELECT ${JOB_COLUMNS} FROM job_queue WHERE tenant_id = $1 AND id = $2`,
);

/**
 * Newest first, keyset-paginated on the arrival sequence.
 * $1 tenant_id, $2 status (null = any), $3 workflow_id (null = any), $4 robot_id (null = any),
 * $5 cursor: seq to start below (null = from the newest), $6 limit
 */
export const LIST_JOBS = sql(
  'casare_list_jobs',
  `SELECT ${JOB_COLUMNS}, seq FROM job_queue
   WHERE tenant_id = $1
     AND ($2::text IS NULL OR status = $2)
     AND ($3::uuid IS NULL OR workflow_id = $3)
     AND ($4::uuid IS NULL OR robot_id = $4)
     AND ($5::bigint IS NULL OR seq < $5)
   ORDER BY seq DESC
   LIMIT $6`,
);

/** $1 tenant_id, $2 job id */
export const LIST_ATTEMPTS = sql(
  'casare_list_attempts',
  `SELECT attempt, robot_id, outcome, error, started_at, ended_at FROM job_attempts
   WHERE tenant_id = $1 AND job_id = $2 ORDER BY id`,
);
