import { sql } from '../db/types.js';

const ROBOT_COLUMNS = `id, tenant_id, name, platform, capabilities, tags, max_concurrency, environment, region, version,
  draining, current_jobs, metrics, registered_at, last_heartbeat_at`;

/**
 * A robot's status as the API reports it: offline after 3 missed heartbeats or a clean stop.
 * $N heartbeat seconds (the parameter number is given by the statement using it).
 */
const status = (
  p: string,
) => `CASE WHEN stopped OR last_heartbeat_at < now() - make_interval(secs => 3 * ${p}::float8) THEN 'offline'
  WHEN draining THEN 'draining' WHEN current_jobs > 0 THEN 'busy' ELSE 'idle' END AS status`;

/**
 * Register or re-register under a stable name: the same robot keeps its id across restarts.
 * $1 tenant_id, $2 name, $3 platform, $4 capabilities text[], $5 tags text[], $6 max_concurrency,
 * $7 environment, $8 region, $9 version, $10 heartbeat seconds
 */
export const REGISTER_ROBOT = sql(
  'casare_register_robot',
  `INSERT INTO robots (tenant_id, name, platform, capabilities, tags, max_concurrency, environment, region, version)
   VALUES ($1, $2, $3, $4::text[], $5::text[], $6, $7, $8, $9)
   ON CONFLICT (tenant_id, name) DO UPDATE SET platform = excluded.platform, capabilities = excluded.capabilities,
     tags = excluded.tags, max_concurrency = excluded.max_concurrency, environment = excluded.environment,
     region = excluded.region, version = excluded.version, draining = false, stopped = false, current_jobs = 0,
     last_heartbeat_at = now()
   RETURNING ${ROBOT_COLUMNS}, ${status('$10')}`,
);

/** $1 tenant_id, $2 robot id, $3 current_jobs, $4 draining, $5 metrics jsonb */
export const ROBOT_HEARTBEAT = sql(
  'casare_robot_heartbeat',
  `UPDATE robots SET last_heartbeat_at = now(), current_jobs = $3, draining = $4, metrics = $5::jsonb, stopped = false
   WHERE tenant_id = $1 AND id = $2 RETURNING id`,
);

/** A clean stop shows the robot offline at once. $1 tenant_id, $2 robot id */
export const ROBOT_STOPPED = sql(
  'casare_robot_stopped',
  `UPDATE robots SET stopped = true, current_jobs = 0 WHERE tenant_id = $1 AND id = $2`,
);

/** $1 tenant_id, $2 heartbeat seconds */
export const LIST_ROBOTS = sql(
  'casare_list_robots',
  `SELECT ${ROBOT_COLUMNS}, ${status('$2')} FROM robots WHERE tenant_id = $1 ORDER BY name`,
);

/** $1 tenant_id, $2 robot id, $3 heartbeat seconds */
export const GET_ROBOT = sql(
  'casare_get_robot',
  `SELECT ${ROBOT_COLUMNS}, ${status('$3')} FROM robots WHERE tenant_id = $1 AND id = $2`,
);
