import type { Db } from '../db/types.js';
import { GET_ROBOT, LIST_ROBOTS, REGISTER_ROBOT, ROBOT_HEARTBEAT, ROBOT_STOPPED } from './queries.js';

export type RobotStatus = 'idle' | 'busy' | 'draining' | 'offline';

export interface RobotInfo {
  name: string;
  platform: string;
  capabilities: string[];
  tags: string[];
  maxConcurrency: number;
  environment: string;
  region: string | null;
  version: string | null;
}

export interface Robot extends RobotInfo {
  id: string;
  tenantId: string;
  status: RobotStatus;
  draining: boolean;
  currentJobs: number;
  metrics: Record<string, unknown>;
  registeredAt: Date;
  lastHeartbeatAt: Date;
}

interface RobotRow {
  id: string;
  tenant_id: string;
  name: string;
  platform: string;
  capabilities: string[];
  tags: string[];
  max_concurrency: number;
  environment: string;
  region: string | null;
  version: string | null;
  draining: boolean;
  current_jobs: number;
  metrics: Record<string, unknown>;
  registered_at: Date;
  last_heartbeat_at: Date;
  status: RobotStatus;
}

function toRobot(r: RobotRow): Robot {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    name: r.name,
    platform: r.platform,
    capabilities: r.capabilities,
    tags: r.tags,
    maxConcurrency: r.max_concurrency,
    environment: r.environment,
    region: r.region,
    version: r.version,
    status: r.status,
    draining: r.draining,
    currentJobs: r.current_jobs,
    metrics: r.metrics,
    registeredAt: r.registered_at,
    lastHeartbeatAt: r.last_heartbeat_at,
  };
}

export interface RobotHeartbeat {
  currentJobs: number;
  draining: boolean;
  metrics?: Record<string, unknown>;
}

/** The robots table: registration, liveness and the fleet view. */
export class RobotRegistry {
  /** `heartbeatSeconds` is the robots' heartbeat period; 3 missed periods mean offline. */
  constructor(
    private readonly db: Db,
    readonly heartbeatSeconds = 10,
  ) {}

  async register(tenantId: string, info: RobotInfo): Promise<Robot> {
    const { rows } = await this.db.query<RobotRow>(REGISTER_ROBOT, [
      tenantId,
      info.name,
      info.platform,
      [...new Set(info.capabilities)].sort(),
      info.tags,
      info.maxConcurrency,
      info.environment,
      info.region,
      info.version,
      this.heartbeatSeconds,
    ]);
    return toRobot(rows[0]!);
  }

  /** False when the robot is unknown (deleted): it must register again. */
  async heartbeat(tenantId: string, robotId: string, hb: RobotHeartbeat): Promise<boolean> {
    const res = await this.db.query(ROBOT_HEARTBEAT, [
      tenantId,
      robotId,
      hb.currentJobs,
      hb.draining,
      JSON.stringify(hb.metrics ?? {}),
    ]);
    return res.rowCount > 0;
  }

  async stopped(tenantId: string, robotId: string): Promise<void> {
    await this.db.query(ROBOT_STOPPED, [tenantId, robotId]);
  }

  async list(tenantId: string): Promise<Robot[]> {
    const { rows } = await this.db.query<RobotRow>(LIST_ROBOTS, [tenantId, this.heartbeatSeconds]);
    return rows.map(toRobot);
  }

  async get(tenantId: string, robotId: string): Promise<Robot | null> {
    const { rows } = await this.db.query<RobotRow>(GET_ROBOT, [tenantId, robotId, this.heartbeatSeconds]);
    return rows[0] ? toRobot(rows[0]) : null;
  }
}
