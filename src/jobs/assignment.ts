import type { ClaimedJob, Lease } from '../queue/contract.js';
import type { WorkflowStore } from '../workflows/store.js';

/** Everything a robot needs to run one claimed job, whatever transport brought it. */
export interface Assignment {
  jobId: string;
  tenantId: string;
  attempt: number;
  lease: Lease;
  leaseExpiresAt: string;
  timeoutSeconds: number | null;
  workflowId: string | null;
  workflowVersion: number | null;
  definition: unknown;
  variables: Record<string, unknown>;
  urlMap: Record<string, string>;
  /** When the job was created (ISO); lets robots report pickup wait. */
  createdAt: string;
}

/** What the API stores in a job's payload. */
export interface JobPayload {
  variables?: Record<string, unknown>;
  url_map?: Record<string, string>;
  /** A workflow submitted inline (not stored as a workflow). */
  workflow?: unknown;
}

export async function toAssignment(job: ClaimedJob, workflows: WorkflowStore): Promise<Assignment> {
  const payload = job.payload as JobPayload;
  let definition = payload.workflow;
  if (definition === undefined && job.workflowId !== null && job.workflowVersion !== null) {
    definition = (await workflows.getVersion(job.tenantId, job.workflowId, job.workflowVersion)).definition;
  }
  return {
    jobId: job.id,
    tenantId: job.tenantId,
    attempt: job.attempts,
    lease: job.lease,
    leaseExpiresAt: job.leaseExpiresAt.toISOString(),
    timeoutSeconds: job.timeoutSeconds,
    workflowId: job.workflowId,
    workflowVersion: job.workflowVersion,
    definition: definition ?? null,
    variables: payload.variables ?? {},
    urlMap: payload.url_map ?? {},
    createdAt: job.createdAt.toISOString(),
  };
}
