import { Type } from 'typebox';

/** Request/response schemas shared by routes; they also generate /openapi.json. */

export const Uuid = Type.String({ format: 'uuid' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Label = Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.:\\-]+$' });
const Workflow = Type.Object(
  {},
  {
    additionalProperties: true,
    description: 'CasareRPA workflow JSON (metadata, nodes, connections, variables, settings)',
  },
);

export const WorkflowCreateBody = Type.Object(
  { name: Type.Optional(Name), definition: Workflow },
  { additionalProperties: false },
);
export const WorkflowUpdateBody = Type.Object(
  { name: Type.Optional(Name), definition: Workflow },
  { additionalProperties: false },
);

export const JobCreateBody = Type.Object(
  {
    workflow_id: Type.Optional(Uuid),
    workflow: Type.Optional(Workflow),
    variables: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    priority: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, default: undefined })),
    environment: Type.Optional(Label),
    region: Type.Optional(Type.Union([Label, Type.Null()])),
    capabilities: Type.Optional(Type.Array(Label, { maxItems: 50 })),
    idempotency_key: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    run_at: Type.Optional(Type.String({ format: 'date-time' })),
    max_attempts: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    timeout_seconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 7 * 24 * 3600 })),
    url_map: Type.Optional(Type.Record(Type.String({ minLength: 1 }), Type.String({ minLength: 1 }))),
  },
  { additionalProperties: false },
);

export const JobListQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union(['pending', 'running', 'completed', 'failed', 'cancelled'].map((s) => Type.Literal(s))),
    ),
    workflow_id: Type.Optional(Uuid),
    robot_id: Type.Optional(Uuid),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const LogQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
  },
  { additionalProperties: false },
);

export const ApiKeyCreateBody = Type.Object(
  {
    name: Name,
    role: Type.Union(['admin', 'operator', 'viewer', 'robot'].map((s) => Type.Literal(s))),
    tenant_id: Type.Optional(Uuid),
    expires_at: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

// --- the robot protocol (http transport) ---

export const RobotRegisterBody = Type.Object(
  {
    name: Label,
    platform: Type.Optional(Type.String({ maxLength: 50 })),
    capabilities: Type.Optional(Type.Array(Label, { maxItems: 100 })),
    tags: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
    max_concurrency: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    environment: Type.Optional(Label),
    region: Type.Optional(Type.Union([Label, Type.Null()])),
    version: Type.Optional(Type.Union([Type.String({ maxLength: 50 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const RobotHeartbeatBody = Type.Object(
  {
    current_jobs: Type.Integer({ minimum: 0 }),
    draining: Type.Optional(Type.Boolean()),
    metrics: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
);

export const ClaimBody = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    wait_ms: Type.Optional(Type.Integer({ minimum: 0, maximum: 30_000 })),
  },
  { additionalProperties: false },
);

const LeaseToken = Type.String({ format: 'uuid' });
const LogEntry = Type.Object(
  {
    ts: Type.String({ format: 'date-time' }),
    level: Type.Union(['debug', 'info', 'warning', 'error'].map((s) => Type.Literal(s))),
    node_id: Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    message: Type.String(),
  },
  { additionalProperties: false },
);
export const Logs = Type.Array(LogEntry, { maxItems: 5000 });

const JobErrorSchema = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 100 }),
    message: Type.String(),
    node_id: Type.Union([Type.String(), Type.Null()]),
    fault: Type.Union([Type.Literal('workflow'), Type.Literal('system')]),
    retryable: Type.Boolean(),
  },
  { additionalProperties: false },
);
const ResultSchema = Type.Object({}, { additionalProperties: true });

export const LeaseBody = Type.Object({ lease_token: LeaseToken }, { additionalProperties: false });
export const LogsBody = Type.Object({ lease_token: LeaseToken, logs: Logs }, { additionalProperties: false });
export const CompleteBody = Type.Object(
  { lease_token: LeaseToken, result: ResultSchema, logs: Type.Optional(Logs) },
  { additionalProperties: false },
);
export const FailBody = Type.Object(
  {
    lease_token: LeaseToken,
    error: JobErrorSchema,
    result: Type.Optional(Type.Union([ResultSchema, Type.Null()])),
    logs: Type.Optional(Logs),
  },
  { additionalProperties: false },
);
