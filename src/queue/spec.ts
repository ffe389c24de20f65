import { CasareError } from '../errors.js';
import { canonicalJson, sha256Hex } from '../util/canonical-json.js';
import {
  DEFAULT_ENVIRONMENT,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_PRIORITY,
  DEFAULT_TENANT_ID,
  type JobSpec,
  MAX_PRIORITY,
  MIN_PRIORITY,
} from './contract.js';

/** A JobSpec with every contract default filled in and every bound checked. */
export interface NormalizedSpec {
  tenantId: string;
  workflowId: string | null;
  workflowVersion: number | null;
  payload: Record<string, unknown>;
  priority: number;
  environment: string;
  region: string | null;
  capabilities: string[];
  runAt: Date | null;
  maxAttempts: number;
  timeoutSeconds: number | null;
  idempotencyKey: string | null;
  fingerprint: string | null;
}

function invalid(message: string): never {
  throw new CasareError('INVALID_JOB_SPEC', message, { fault: 'workflow' });
}

export function normalizeSpec(spec: JobSpec): NormalizedSpec {
  const priority = spec.priority ?? DEFAULT_PRIORITY;
  if (!Number.isInteger(priority) || priority < MIN_PRIORITY || priority > MAX_PRIORITY) {
    invalid(`priority must be an integer ${MIN_PRIORITY}-${MAX_PRIORITY}`);
  }
  const maxAttempts = spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) invalid('max_attempts must be an integer >= 1');
  const timeout = spec.timeoutSeconds ?? null;
  if (timeout !== null && (!Number.isInteger(timeout) || timeout < 1))
    invalid('timeout_seconds must be an integer >= 1');
  if (spec.runAt && Number.isNaN(spec.runAt.getTime())) invalid('run_at is not a valid time');
  const capabilities = [...new Set(spec.capabilities ?? [])].sort();
  const base = {
    tenantId: spec.tenantId ?? DEFAULT_TENANT_ID,
    workflowId: spec.workflowId ?? null,
    workflowVersion: spec.workflowVersion ?? null,
    payload: spec.payload ?? {},
    priority,
    environment: spec.environment ?? DEFAULT_ENVIRONMENT,
    region: spec.region ?? null,
    capabilities,
    runAt: spec.runAt ?? null,
    maxAttempts,
    timeoutSeconds: timeout,
    idempotencyKey: spec.idempotencyKey ?? null,
  };
  const fingerprint =
    base.idempotencyKey === null
      ? null
      : (spec.fingerprint ?? sha256Hex(canonicalJson({ ...base, tenantId: undefined })));
  return { ...base, fingerprint };
}
