import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobError } from '../../src/jobs/shapes.js';
import { type ClaimRequest, DEFAULT_TENANT_ID, type JobQueue } from '../../src/queue/contract.js';
import { IdempotencyConflictError, LeaseLostError } from '../../src/queue/errors.js';
import { waitFor } from '../helpers/wait.js';

/**
 * The behaviour every JobQueue backend must have. Each backend's test file calls this with
 * a factory; tests use their own environment names so they never see each other's jobs.
 */
export interface QueueHarness {
  queue: JobQueue;
  /** Extra claimers on their own connections, for concurrency tests. */
  otherQueues(n: number): Promise<JobQueue[]>;
  close(): Promise<void>;
}

export type QueueFactory = (opts: {
  leaseSeconds: number;
  backoffBaseSeconds: number;
  backoffMaxSeconds: number;
}) => Promise<QueueHarness>;

const ROBOT = '11111111-1111-4111-8111-111111111111';
const ROBOT2 = '22222222-2222-4222-8222-222222222222';
let envSeq = 0;
function freshEnv(): string {
  envSeq += 1;
  return `env_${process.pid}_${envSeq}_${Math.random().toString(36).slice(2, 8)}`;
}

function claimReq(environment: string, over: Partial<ClaimRequest> = {}): ClaimRequest {
  return {
    robotId: ROBOT,
    tenantId: DEFAULT_TENANT_ID,
    environment,
    region: null,
    capabilities: [],
    limit: 1,
    ...over,
  };
}

const boom = (retryable: boolean): JobError => ({
  code: 'NODE_FAILED',
  message: 'boom',
  node_id: 'n1',
  fault: 'workflow',
  retryable,
});

export function describeJobQueueContract(name: string, factory: QueueFactory): void {
  describe(`JobQueue contract: ${name}`, () => {
    let h: QueueHarness;
    let q: JobQueue;
    beforeAll(async () => {
      h = await factory({ leaseSeconds: 30, backoffBaseSeconds: 0.05, backoffMaxSeconds: 0.2 });
      q = h.queue;
    });
    afterAll(async () => {
      await h?.close();
    });

    it('enqueues with the contract defaults', async () => {
      const env = freshEnv();
      const { job, created } = await q.enqueue({ environment: env, payload: { a: 1 } });
      expect(created).toBe(true);
      expect(job).toMatchObject({
        status: 'pending',
        priority: 10,
        attempts: 0,
        maxAttempts: 3,
        tenantId: DEFAULT_TENANT_ID,
        environment: env,
        region: null,
        capabilities: [],
        payload: { a: 1 },
        deadLetter: false,
        result: null,
        error: null,
      });
      expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(await q.get(DEFAULT_TENANT_ID, job.id)).toMatchObject({ id: job.id, status: 'pending' });
    });

    it('rejects out-of-range priority and attempts without storing anything', async () => {
      const env = freshEnv();
      await expect(q.enqueue({ environment: env, priority: 21 })).rejects.toMatchObject({
        code: 'INVALID_JOB_SPEC',
      });
      await expect(q.enqueue({ environment: env, maxAttempts: 0 })).rejects.toMatchObject({
        code: 'INVALID_JOB_SPEC',
      });
      expect(await q.claim(claimReq(env, { limit: 10 }))).toHaveLength(0);
    });

    it('claims highest priority first, then oldest', async () => {
      const env = freshEnv();
      const low = (await q.enqueue({ environment: env, priority: 1 })).job;
      const a = (await q.enqueue({ environment: env, priority: 15 })).job;
      const b = (await q.enqueue({ environment: env, priority: 15 })).job;
      const mid = (await q.enqueue({ environment: env })).job;
      const claimed = await q.claim(claimReq(env, { limit: 10 }));
      expect(claimed.map((j) => j.id)).toEqual([a.id, b.id, mid.id, low.id]);
      for (const c of claimed) {
        expect(c.status).toBe('running');
        expect(c.attempts).toBe(1);
        expect(c.robotId).toBe(ROBOT);
        expect(c.lease.token).toMatch(/^[0-9a-f-]{36}$/);
        expect(c.leaseExpiresAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
      }
      expect(new Set(claimed.map((c) => c.lease.token)).size).toBe(4);
    });

    it('enqueues a batch in order in one call', async () => {
      const env = freshEnv();
      const jobs = await q.enqueueMany(
        Array.from({ length: 50 }, (_, i) => ({ environment: env, payload: { i } })),
      );
      expect(jobs.map((j) => j.payload.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
      const claimed = await q.claim(claimReq(env, { limit: 100 }));
      expect(claimed.map((j) => j.payload.i)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    });

    it('holds a job until run_at and says why it waits', async () => {
      const env = freshEnv();
      const runAt = new Date(Date.now() + 400);
      const { job } = await q.enqueue({ environment: env, runAt });
      expect(job.waitingReason).toBe('scheduled');
      expect(await q.claim(claimReq(env))).toHaveLength(0);
      const next = await q.nextRunAt({
        tenantId: DEFAULT_TENANT_ID,
        environment: env,
        region: null,
        capabilities: [],
      });
      expect(next?.getTime()).toBe(job.runAt.getTime());
      const claimed = await waitFor(
        async () => (await q.claim(claimReq(env)))[0],
        'the scheduled job to become due',
        5000,
      );
      expect(claimed.id).toBe(job.id);
      expect(Date.now()).toBeGreaterThanOrEqual(runAt.getTime() - 5);
    });

    it('routes by environment, region and capabilities', async () => {
      const env = freshEnv();
      const other = freshEnv();
      const desktop = (await q.enqueue({ environment: env, capabilities: ['desktop'] })).job;
      const eu = (await q.enqueue({ environment: env, region: 'eu' })).job;
      const browserEu = (
        await q.enqueue({ environment: env, region: 'eu', capabilities: ['browser:chromium'] })
      ).job;
      await q.enqueue({ environment: other });

      // A plain robot with no region sees none of them.
      expect(await q.claim(claimReq(env, { limit: 10 }))).toHaveLength(0);
      // A US browser robot sees nothing either (region mismatch; desktop missing).
      expect(
        await q.claim(claimReq(env, { limit: 10, region: 'us', capabilities: ['browser:chromium'] })),
      ).toHaveLength(0);
      const euRobot = await q.claim(
        claimReq(env, { limit: 10, region: 'eu', capabilities: ['browser:chromium', 'http'] }),
      );
      expect(euRobot.map((j) => j.id).sort()).toEqual([eu.id, browserEu.id].sort());
      const desk = await q.claim(claimReq(env, { limit: 10, robotId: ROBOT2, capabilities: ['desktop'] }));
      expect(desk.map((j) => j.id)).toEqual([desktop.id]);
    });

    it('never hands one job to two of 8 concurrent claimers', async () => {
      const env = freshEnv();
      const n = 200;
      await q.enqueueMany(Array.from({ length: n }, (_, i) => ({ environment: env, payload: { i } })));
      const queues = await h.otherQueues(8);
      const seen: string[] = [];
      await Promise.all(
        queues.map(async (cq, k) => {
          for (;;) {
            const got = await cq.claim(
              claimReq(env, { limit: 3, robotId: `00000000-0000-4000-8000-00000000000${k}` }),
            );
            if (got.length === 0) return;
            seen.push(...got.map((j) => j.id));
            await cq.completeMany(got.map((j) => ({ lease: j.lease, result: { k } })));
          }
        }),
      );
      expect(seen).toHaveLength(n);
      expect(new Set(seen).size).toBe(n);
    });

    it('completes with the holder token and rejects a stale one (fencing)', async () => {
      const env = freshEnv();
      await q.enqueue({ environment: env });
      const [job] = await q.claim(claimReq(env));
      await expect(
        q.complete({ jobId: job!.id, token: '33333333-3333-4333-8333-333333333333' }, {}),
      ).rejects.toBeInstanceOf(LeaseLostError);
      await q.complete(job!.lease, { ok: true });
      // A retried report of the same holder is accepted; the stored result does not change.
      await q.complete(job!.lease, { ok: true });
      const done = await q.get(DEFAULT_TENANT_ID, job!.id);
      expect(done).toMatchObject({ status: 'completed', result: { ok: true } });
      expect(done!.completedAt).toBeInstanceOf(Date);
      await expect(q.fail(job!.lease, boom(true))).rejects.toBeInstanceOf(LeaseLostError);
      await expect(q.heartbeat(job!.lease)).rejects.toBeInstanceOf(LeaseLostError);
    });

    it('reaps an expired lease, counts the attempt and fences the old holder out', async () => {
      const env = freshEnv();
      const { job } = await q.enqueue({ environment: env, maxAttempts: 3 });
      const [first] = await q.claim(claimReq(env, { leaseSeconds: 0.05 }));
      await waitFor(
        async () =>
          (await q.reapExpired()).requeued > 0 ||
          (await q.get(DEFAULT_TENANT_ID, job.id))?.status === 'pending',
        'the reaper to requeue the job',
      );
      const again = await waitFor(
        async () => (await q.claim(claimReq(env, { robotId: ROBOT2 })))[0],
        'the job to be claimable again',
      );
      expect(again.id).toBe(job.id);
      expect(again.attempts).toBe(2);
      expect(again.lease.token).not.toBe(first!.lease.token);
      await expect(q.complete(first!.lease, { late: true })).rejects.toBeInstanceOf(LeaseLostError);
      await q.complete(again.lease, { onTime: true });
      expect(await q.get(DEFAULT_TENANT_ID, job.id)).toMatchObject({
        status: 'completed',
        result: { onTime: true },
        robotId: ROBOT2,
      });
      const history = await q.attempts(DEFAULT_TENANT_ID, job.id);
      expect(history).toHaveLength(1);
      expect(history[0]).toMatchObject({ attempt: 1, outcome: 'lease_expired', robotId: ROBOT });
    });

    it('dead-letters a job whose last lease expires', async () => {
      const env = freshEnv();
      const { job } = await q.enqueue({ environment: env, maxAttempts: 1 });
      await q.claim(claimReq(env, { leaseSeconds: 0.05 }));
      const failed = await waitFor(async () => {
        await q.reapExpired();
        const j = await q.get(DEFAULT_TENANT_ID, job.id);
        return j?.status === 'failed' ? j : null;
      }, 'the job to be dead-lettered');
      expect(failed.deadLetter).toBe(true);
      expect(failed.error).toMatchObject({ code: 'LEASE_EXPIRED', fault: 'system' });
    });

    it('heartbeats extend the lease', async () => {
      const env = freshEnv();
      await q.enqueue({ environment: env });
      const [job] = await q.claim(claimReq(env, { leaseSeconds: 1 }));
      const hb = await q.heartbeat(job!.lease, 60);
      expect(hb.cancelRequested).toBe(false);
      expect(hb.leaseExpiresAt.getTime()).toBeGreaterThan(job!.leaseExpiresAt.getTime() + 30_000);
    });

    it('retries with backoff, then dead-letters with the attempt history', async () => {
      const env = freshEnv();
      const { job } = await q.enqueue({ environment: env, maxAttempts: 2 });
      const [a1] = await q.claim(claimReq(env));
      const out1 = await q.fail(a1!.lease, boom(true));
      expect(out1.status).toBe('pending');
      const waiting = await q.get(DEFAULT_TENANT_ID, job.id);
      expect(waiting).toMatchObject({ status: 'pending', waitingReason: 'backoff', attempts: 1 });
      expect(waiting!.runAt.getTime()).toBeGreaterThan(Date.now() - 1000);
      const a2 = await waitFor(
        async () => (await q.claim(claimReq(env)))[0],
        'the retry after backoff',
        5000,
      );
      expect(a2.attempts).toBe(2);
      const out2 = await q.fail(a2.lease, boom(true));
      expect(out2.status).toBe('failed');
      const dead = await q.get(DEFAULT_TENANT_ID, job.id);
      expect(dead).toMatchObject({ status: 'failed', deadLetter: true, attempts: 2, error: boom(true) });
      expect((await q.attempts(DEFAULT_TENANT_ID, job.id)).map((a) => a.outcome)).toEqual([
        'failed',
        'failed',
      ]);
    });

    it('dead-letters a non-retryable failure at once', async () => {
      const env = freshEnv();
      const { job } = await q.enqueue({ environment: env, maxAttempts: 5 });
      const [a] = await q.claim(claimReq(env));
      expect((await q.fail(a!.lease, boom(false))).status).toBe('failed');
      expect(await q.get(DEFAULT_TENANT_ID, job.id)).toMatchObject({
        status: 'failed',
        deadLetter: true,
        attempts: 1,
      });
    });

    it('retry puts a failed job back under the same id with a fresh budget and keeps its history', async () => {
      const env = freshEnv();
      const { job } = await q.enqueue({ environment: env, maxAttempts: 1 });
      const [a] = await q.claim(claimReq(env));
      await q.fail(a!.lease, boom(false));
      const retried = await q.retry(DEFAULT_TENANT_ID, job.id);
      expect(retried).toMatchObject({
        id: job.id,
        status: 'pending',
        attempts: 0,
        deadLetter: false,
        error: null,
      });
      const [b] = await q.claim(claimReq(env));
      expect(b!.id).toBe(job.id);
      await q.complete(b!.lease, { second: true });
      expect(await q.attempts(DEFAULT_TENANT_ID, job.id)).toHaveLength(1);
      await expect(q.retry(DEFAULT_TENANT_ID, job.id)).rejects.toMatchObject({ code: 'JOB_NOT_RETRYABLE' });
    });

    it('cancels a pending job at once and flags a running one for its next heartbeat', async () => {
      const env = freshEnv();
      const p = (await q.enqueue({ environment: env, priority: 0 })).job;
      const r = (await q.enqueue({ environment: env, priority: 20 })).job;
      const [running] = await q.claim(claimReq(env));
      expect(running!.id).toBe(r.id);
      expect(await q.cancel(DEFAULT_TENANT_ID, p.id)).toMatchObject({ status: 'cancelled' });
      expect(await q.claim(claimReq(env))).toHaveLength(0);
      expect(await q.cancel(DEFAULT_TENANT_ID, r.id)).toMatchObject({
        status: 'running',
        cancelRequested: true,
      });
      expect((await q.heartbeat(running!.lease)).cancelRequested).toBe(true);
      const out = await q.fail(running!.lease, { ...boom(false), code: 'CANCELLED' });
      expect(out.status).toBe('cancelled');
      expect(await q.get(DEFAULT_TENANT_ID, r.id)).toMatchObject({ status: 'cancelled', deadLetter: false });
      await expect(q.cancel(DEFAULT_TENANT_ID, r.id)).rejects.toMatchObject({ code: 'JOB_NOT_CANCELLABLE' });
      await expect(q.cancel(DEFAULT_TENANT_ID, '44444444-4444-4444-8444-444444444444')).rejects.toMatchObject(
        {
          code: 'JOB_NOT_FOUND',
        },
      );
    });

    it('release gives a job back without counting the attempt', async () => {
      const env = freshEnv();
      const { job } = await q.enqueue({ environment: env });
      const [a] = await q.claim(claimReq(env));
      await q.release(a!.lease);
      expect(await q.get(DEFAULT_TENANT_ID, job.id)).toMatchObject({
        status: 'pending',
        attempts: 0,
        robotId: null,
      });
      await expect(q.release(a!.lease)).rejects.toBeInstanceOf(LeaseLostError);
      const [b] = await q.claim(claimReq(env));
      expect(b).toMatchObject({ id: job.id, attempts: 1 });
    });

    it('completeMany reports which leases were lost', async () => {
      const env = freshEnv();
      await q.enqueueMany([{ environment: env }, { environment: env }]);
      const [x, y] = await q.claim(claimReq(env, { limit: 2 }));
      await q.release(y!.lease);
      const out = await q.completeMany([
        { lease: x!.lease, result: 1 },
        { lease: y!.lease, result: 2 },
      ]);
      expect(out).toEqual({ completed: [x!.id], lost: [y!.id] });
    });

    it('deduplicates by idempotency key: same request → same job, other request → conflict', async () => {
      const env = freshEnv();
      const key = `k-${env}`;
      const first = await q.enqueue({ environment: env, idempotencyKey: key, payload: { v: 1 } });
      const again = await q.enqueue({ environment: env, idempotencyKey: key, payload: { v: 1 } });
      expect(again).toEqual({ job: first.job, created: false });
      await expect(
        q.enqueue({ environment: env, idempotencyKey: key, payload: { v: 2 } }),
      ).rejects.toBeInstanceOf(IdempotencyConflictError);
      expect(await q.claim(claimReq(env, { limit: 10 }))).toHaveLength(1);
    });

    it('lists newest first with a cursor', async () => {
      const env = freshEnv();
      const jobs = await q.enqueueMany(
        Array.from({ length: 5 }, (_, i) => ({ environment: env, payload: { i } })),
      );
      const ids = new Set(jobs.map((j) => j.id));
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await q.list(DEFAULT_TENANT_ID, { limit: 2, cursor, status: 'pending' });
        seen.push(...page.items.filter((j) => ids.has(j.id)).map((j) => j.id));
        cursor = page.nextCursor;
      } while (cursor && seen.length < 5);
      expect(seen).toEqual(jobs.map((j) => j.id).reverse());
    });

    it('wakes subscribers within milliseconds of an enqueue', async () => {
      const env = freshEnv();
      let woke = 0;
      const unsubscribe = await q.subscribe(() => {
        woke += 1;
      });
      try {
        const t0 = Date.now();
        await q.enqueue({ environment: env });
        await waitFor(() => woke > 0, 'a wake-up after enqueue', 2000, 1);
        expect(Date.now() - t0).toBeLessThan(1000);
      } finally {
        await unsubscribe();
      }
    });
  });
}
