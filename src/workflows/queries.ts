import { sql } from '../db/types.js';

/** $1 tenant_id, $2 name */
export const CREATE_WORKFLOW = sql(
  'casare_create_workflow',
  `INSERT INTO workflows (tenant_id, name) VALUES ($1, $2)
   RETURNING id, tenant_id, name, current_version, created_at, updated_at`,
);

/** $1 workflow_id, $2 version, $3 tenant_id, $4 definition jsonb, $5 capabilities text[] */
export const INSERT_VERSION = sql(
  'casare_insert_workflow_version',
  `INSERT INTO workflow_versions (workflow_id, version, tenant_id, definition, capabilities)
   VALUES ($1, $2, $3, $4::jsonb, $5::text[])`,
);

/** Bumps the current version (row-locked, so concurrent updates get distinct numbers).
 * $1 tenant_id, $2 workflow id, $3 new name (null = keep) */
export const NEXT_VERSION = sql(
  'casare_next_workflow_version',
  `UPDATE workflows SET current_version = current_version + 1, name = coalesce($3, name), updated_at = now()
   WHERE tenant_id = $1 AND id = $2
   RETURNING id, tenant_id, name, current_version, created_at, updated_at`,
);

/** The workflow with its current version's definition. $1 tenant_id, $2 workflow id */
export const GET_WORKFLOW = sql(
  'casare_get_workflow',
  `SELECT w.id, w.tenant_id, w.name, w.current_version, w.created_at, w.updated_at, v.definition, v.capabilities
   FROM workflows w JOIN workflow_versions v ON v.workflow_id = w.id AND v.version = w.current_version
   WHERE w.tenant_id = $1 AND w.id = $2`,
);

/** $1 tenant_id, $2 limit */
export const LIST_WORKFLOWS = sql(
  'casare_list_workflows',
  `SELECT id, tenant_id, name, current_version, created_at, updated_at FROM workflows
   WHERE tenant_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
);

/** $1 tenant_id, $2 workflow id, $3 version */
export const GET_VERSION = sql(
  'casare_get_workflow_version',
  `SELECT definition, capabilities FROM workflow_versions WHERE tenant_id = $1 AND workflow_id = $2 AND version = $3`,
);
