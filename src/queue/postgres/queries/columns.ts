/** The job columns every read returns (never the idempotency hash or the lease token). */
export const JOB_COLUMNS = `id, tenant_id, workflow_id, workflow_version, status, priority, environment, region,
  capabilities, payload, attempts, max_attempts, timeout_seconds, run_at, waiting_reason, idempotency_key,
  robot_id, cancel_requested, dead_letter, result, error, created_at, started_at, completed_at`;

/** The same columns qualified by the alias `j`, for UPDATE … FROM statements. */
export const J_JOB_COLUMNS = JOB_COLUMNS.split(',')
  .map((c) => `j.${c.trim()}`)
  .join(', ');
