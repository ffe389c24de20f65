import type { ClaimedJob, ClaimRequest, JobQueue } from './contract.js';
import type { WakeSignal } from './wake.js';

/**
 * Claims; when nothing is claimable, sleeps until a wake-up, the next scheduled job's
 * run_at, `waitMs` or `signal` — whichever is first — and tries again. Idle claimers thus
 * start new work within milliseconds without polling the database.
 */
export async function claimOrWait(
  queue: JobQueue,
  wake: WakeSignal,
  req: ClaimRequest,
  waitMs: number,
  signal?: AbortSignal,
): Promise<ClaimedJob[]> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const generation = wake.generation;
    const jobs = await queue.claim(req);
    const left = deadline - Date.now();
    if (jobs.length > 0 || left <= 0 || signal?.aborted) return jobs;
    let ms = left;
    const next = await queue.nextRunAt(req);
    if (next) ms = Math.min(ms, Math.max(0, next.getTime() - Date.now()) + 2);
    await wake.wait(generation, ms, signal);
  }
}
