-- 0001: the spine. Tenants, workflows (versioned), the job queue, attempts, logs, robots, API keys.
-- Append-only: never edit a migration that has shipped; add a new numbered file.

CREATE TABLE tenants (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name        text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- The tenant every single-user install lives in (CONTRACT.md, tenancy). Its id is fixed.
INSERT INTO tenants (id, name) VALUES ('00000000-0000-0000-0000-000000000001', 'default');

CREATE TABLE workflows (
  id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id       uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name            text NOT NULL,
  current_version integer NOT NULL DEFAULT 1,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX workflows_tenant ON workflows (tenant_id, created_at DESC);

-- Versions are immutable: a job pins the version it was submitted with.
CREATE TABLE workflow_versions (
  workflow_id  uuid NOT NULL REFERENCES workflows (id) ON DELETE CASCADE,
  version      integer NOT NULL,
  tenant_id    uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  definition   jsonb NOT NULL,
  capabilities text[] NOT NULL DEFAULT '{}',
  created_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (workflow_id, version)
);

CREATE TABLE job_queue (
  id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Monotonic arrival order: "ties run oldest first" even within one batch insert.
  seq              bigint GENERATED ALWAYS AS IDENTITY,
  tenant_id        uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000001' REFERENCES tenants (id) ON DELETE CASCADE,
  workflow_id      uuid REFERENCES workflows (id) ON DELETE SET NULL,
  workflow_version integer,
  status           text NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'running', 'completed', 'failed', 'cancelled')),
  priority         smallint NOT NULL DEFAULT 10 CHECK (priority BETWEEN 0 AND 20),
  environment      text NOT NULL DEFAULT 'default',
  region           text,
  capabilities     text[] NOT NULL DEFAULT '{}',
  -- What the robot needs besides the workflow: variables, url_map, an inline definition.
  payload          jsonb NOT NULL DEFAULT '{}',
  attempts         integer NOT NULL DEFAULT 0,
  max_attempts     integer NOT NULL DEFAULT 3 CHECK (max_attempts >= 1),
  timeout_seconds  integer CHECK (timeout_seconds > 0),
  run_at           timestamptz NOT NULL DEFAULT now(),
  waiting_reason   text,
  idempotency_key  text,
  idempotency_hash text,
  lease_token      uuid,
  lease_expires_at timestamptz,
  robot_id         uuid,
  cancel_requested boolean NOT NULL DEFAULT false,
  dead_letter      boolean NOT NULL DEFAULT false,
  result           jsonb,
  error            jsonb,
  created_at       timestamptz NOT NULL DEFAULT now(),
  started_at       timestamptz,
  completed_at     timestamptz,
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- The claim scans pending jobs in priority order; the partial index stays small.
CREATE INDEX job_queue_claim ON job_queue (priority DESC, seq) WHERE status = 'pending';
-- The reaper looks for running jobs whose lease ran out.
CREATE INDEX job_queue_lease ON job_queue (lease_expires_at) WHERE status = 'running';
-- Listing: newest first per tenant, optionally by status.
CREATE INDEX job_queue_tenant_seq ON job_queue (tenant_id, seq DESC);
CREATE INDEX job_queue_tenant_status_seq ON job_queue (tenant_id, status, seq DESC);
CREATE UNIQUE INDEX job_queue_idempotency ON job_queue (tenant_id, idempotency_key) WHERE idempotency_key IS NOT NULL;

-- One row per attempt that did not end the job successfully (failure, lost lease, release);
-- the last, successful attempt is the job row itself.
CREATE TABLE job_attempts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id      uuid NOT NULL REFERENCES job_queue (id) ON DELETE CASCADE,
  attempt     integer NOT NULL,
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  robot_id    uuid,
  outcome     text NOT NULL CHECK (outcome IN ('failed', 'lease_expired', 'released', 'cancelled')),
  error       jsonb,
  started_at  timestamptz,
  ended_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_attempts_job ON job_attempts (job_id, id);

CREATE TABLE job_logs (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  job_id     uuid NOT NULL REFERENCES job_queue (id) ON DELETE CASCADE,
  tenant_id  uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  attempt    integer NOT NULL DEFAULT 1,
  ts         timestamptz NOT NULL,
  level      text NOT NULL,
  node_id    text,
  message    text NOT NULL
);
CREATE INDEX job_logs_job ON job_logs (job_id, id);

CREATE TABLE robots (
  id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id         uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name              text NOT NULL,
  platform          text NOT NULL DEFAULT 'linux',
  capabilities      text[] NOT NULL DEFAULT '{}',
  tags              text[] NOT NULL DEFAULT '{}',
  max_concurrency   integer NOT NULL DEFAULT 1 CHECK (max_concurrency >= 1),
  environment       text NOT NULL DEFAULT 'default',
  region            text,
  version           text,
  draining          boolean NOT NULL DEFAULT false,
  stopped           boolean NOT NULL DEFAULT false,
  current_jobs      integer NOT NULL DEFAULT 0,
  metrics           jsonb NOT NULL DEFAULT '{}',
  registered_at     timestamptz NOT NULL DEFAULT now(),
  last_heartbeat_at timestamptz NOT NULL DEFAULT now(),
  -- A robot's identity is stable across restarts: it re-registers under its name.
  UNIQUE (tenant_id, name)
);

CREATE TABLE api_keys (
  id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id   uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name        text NOT NULL,
  role        text NOT NULL CHECK (role IN ('admin', 'operator', 'viewer', 'robot')),
  prefix      text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  created_at  timestamptz NOT NULL DEFAULT now(),
  expires_at  timestamptz,
  revoked_at  timestamptz
);

-- Wake idle robots when work arrives. Statement-level so a batch insert sends one notice.
CREATE FUNCTION casare_notify_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('casare_jobs', '');
  RETURN NULL;
END $$;
CREATE TRIGGER job_queue_notify_insert AFTER INSERT ON job_queue
  FOR EACH STATEMENT EXECUTE FUNCTION casare_notify_jobs();
-- A job that goes back to pending (release, lost lease, retry) is work again too.
-- NOTIFY folds identical notices within a transaction, so a reaped batch sends one.
CREATE TRIGGER job_queue_notify_requeue AFTER UPDATE OF status ON job_queue
  FOR EACH ROW WHEN (NEW.status = 'pending' AND OLD.status <> 'pending')
  EXECUTE FUNCTION casare_notify_jobs();
