import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, openTestApp, type TestApp } from '../helpers/app.js';
import { loadWorkflow, tinyWorkflow } from '../helpers/fixtures.js';

let h: TestApp;
beforeAll(async () => {
  h = await openTestApp({ bodyLimit: 256 * 1024 });
});
afterAll(async () => {
  await h?.close();
});

async function jobCount(): Promise<number> {
  const { rows } = await h.t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM job_queue');
  return rows[0]!.n;
}

function expectProblem(
  res: { status: number; json: any; headers: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(res.status).toBe(status);
  expect(String(res.headers['content-type'])).toContain('application/problem+json');
  expect(res.json).toMatchObject({ status, code });
  expect(JSON.stringify(res.json)).not.toMatch(/\bat .+\.(js|ts):\d+/); // never a stack trace
}

describe('health, metrics and documents (no key)', () => {
  it('serves liveness, readiness, metrics, OpenAPI and the placeholder page', async () => {
    expect(await h.call('GET', '/health/live', undefined, null)).toMatchObject({
      status: 200,
      json: { status: 'ok' },
    });
    expect(await h.call('GET', '/health/ready', undefined, null)).toMatchObject({
      status: 200,
      json: { status: 'ok' },
    });
    const metrics = await h.call('GET', '/metrics', undefined, null);
    expect(metrics.status).toBe(200);
    expect(metrics.body).toContain('# TYPE casare_job_wait_seconds histogram');
    expect(metrics.body).toContain('casare_job_wait_seconds_bucket{le="600"}');
    const doc = await h.call('GET', '/openapi.json', undefined, null);
    expect(doc.status).toBe(200);
    expect(doc.json.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/v1/jobs',
      '/api/v1/jobs/{id}',
      '/api/v1/workflows',
      '/api/v1/robots',
      '/api/v1/jobs/{id}/cancel',
    ]) {
      expect(Object.keys(doc.json.paths)).toContain(p);
    }
    const page = await h.call('GET', '/', undefined, null);
    expect(page.status).toBe(200);
    expect(page.body).toContain('casare submit');
  });

  it('reports queue depth per environment and priority in /metrics', async () => {
    await h.call('POST', '/api/v1/jobs', {
      workflow: tinyWorkflow(),
      priority: 17,
      environment: 'metrics_env',
    });
    // The gauges are cached for a moment; a fresh scrape after the cache window sees the job.
    await new Promise((r) => setTimeout(r, 2100));
    const metrics = await h.call('GET', '/metrics', undefined, null);
    expect(metrics.body).toMatch(/casare_queue_depth\{environment="metrics_env",priority="17"\} 1/);
  });
});

describe('authentication', () => {
  it('answers 401 without a key and with a wrong key, as problem+json', async () => {
    const none = await h.call('GET', '/api/v1/jobs', undefined, null);
    expectProblem(none, 401, 'AUTH_REQUIRED');
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expectProblem(await h.call('GET', '/api/v1/jobs', undefined, 'nope'), 401, 'INVALID_API_KEY');
    expectProblem(
      await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow() }, null),
      401,
      'AUTH_REQUIRED',
    );
  });

  it('robot keys may run the robot protocol but not submit, and revoked keys stop working', async () => {
    const created = await h.call('POST', '/api/v1/api-keys', { name: 'robot-1', role: 'robot' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ role: 'robot', tenant_id: '00000000-0000-0000-0000-000000000001' });
    const key = created.json.key as string;
    const reg = await h.call(
      'POST',
      '/api/v1/robots/register',
      { name: 'auth-robot', capabilities: ['http'] },
      key,
    );
    expect(reg.status).toBe(200);
    expect(reg.json).toMatchObject({ lease_seconds: 30, heartbeat_seconds: 10 });
    expectProblem(await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow() }, key), 403, 'FORBIDDEN');
    expectProblem(
      await h.call('POST', '/api/v1/api-keys', { name: 'x', role: 'admin' }, key),
      403,
      'FORBIDDEN',
    );
    expect((await h.call('DELETE', `/api/v1/api-keys/${created.json.id}`)).status).toBe(204);
    // Revocation clears this process's cache at once.
    expectProblem(
      await h.call('POST', '/api/v1/robots/register', { name: 'auth-robot' }, key),
      401,
      'INVALID_API_KEY',
    );
  });

  it('the admin key may name the tenant it acts in; an unknown tenant is 404', async () => {
    const ok = await h.call('GET', '/api/v1/jobs?limit=1', undefined, ADMIN_KEY, {
      'casare-tenant': 'default',
    });
    expect(ok.status).toBe(200);
    expectProblem(
      await h.call('GET', '/api/v1/jobs', undefined, ADMIN_KEY, { 'casare-tenant': 'nobody' }),
      404,
      'TENANT_NOT_FOUND',
    );
  });
});

describe('workflows', () => {
  it('creates, versions and reads workflows; a job pins the version it was submitted with', async () => {
    const v1 = await h.call('POST', '/api/v1/workflows', {
      definition: loadWorkflow('stress_test_v1/task_3.json'),
    });
    expect(v1.status).toBe(201);
    expect(v1.json).toMatchObject({ name: 'Math Calculation Workflow', version: 1 });
    const job1 = await h.call('POST', '/api/v1/jobs', { workflow_id: v1.json.id });
    expect(job1.status).toBe(201);
    expect(job1.json).toMatchObject({ workflow_id: v1.json.id, workflow_version: 1, status: 'pending' });

    const v2 = await h.call('PUT', `/api/v1/workflows/${v1.json.id}`, { definition: tinyWorkflow(2) });
    expect(v2.json).toMatchObject({ id: v1.json.id, version: 2 });
    const job2 = await h.call('POST', '/api/v1/jobs', { workflow_id: v1.json.id });
    expect(job2.json.workflow_version).toBe(2);
    expect((await h.call('GET', `/api/v1/jobs/${job1.json.id}`)).json.workflow_version).toBe(1);

    const got = await h.call('GET', `/api/v1/workflows/${v1.json.id}`);
    expect(got.json).toMatchObject({ version: 2, definition: tinyWorkflow(2) });
    const list = await h.call('GET', '/api/v1/workflows');
    expect(list.json.items.map((w: { id: string }) => w.id)).toContain(v1.json.id);
    expectProblem(
      await h.call('GET', '/api/v1/workflows/7d3c1b9e-0000-4000-8000-000000000000'),
      404,
      'WORKFLOW_NOT_FOUND',
    );
  });
});

describe('job submission', () => {
  it('submits an inline workflow with the contract shape', async () => {
    const res = await h.call('POST', '/api/v1/jobs', {
      workflow: tinyWorkflow(),
      variables: { who: 'me' },
      priority: 12,
      max_attempts: 5,
    });
    expect(res.status).toBe(201);
    for (const k of [
      'id',
      'status',
      'priority',
      'attempts',
      'max_attempts',
      'result',
      'error',
      'robot_id',
      'tenant_id',
      'environment',
      'region',
      'capabilities',
      'waiting_reason',
      'created_at',
      'started_at',
      'completed_at',
    ]) {
      expect(res.json).toHaveProperty(k);
    }
    expect(res.json).toMatchObject({
      status: 'pending',
      priority: 12,
      attempts: 0,
      max_attempts: 5,
      variables: { who: 'me' },
      robot_id: null,
    });
    const got = await h.call('GET', `/api/v1/jobs/${res.json.id}`);
    expect(got.json).toMatchObject({ id: res.json.id, attempt_history: [] });
  });

  it('says why a pending job waits', async () => {
    const lonely = await h.call('POST', '/api/v1/jobs', {
      workflow: tinyWorkflow(),
      environment: 'nobody-serves-this',
    });
    expect(lonely.json.waiting_reason).toBe('no_robot_online');
    await h.services.robots.register('00000000-0000-0000-0000-000000000001', {
      name: 'reason-robot',
      platform: 'linux',
      capabilities: ['browser:chromium'],
      tags: [],
      maxConcurrency: 1,
      environment: 'reasons',
      region: null,
      version: null,
    });
    const desk = await h.call('POST', '/api/v1/jobs', {
      workflow: tinyWorkflow(),
      environment: 'reasons',
      capabilities: ['desktop'],
    });
    expect(desk.json.waiting_reason).toBe('no_capable_robot: desktop');
    const ok = await h.call('POST', '/api/v1/jobs', {
      workflow: tinyWorkflow(),
      environment: 'reasons',
      capabilities: ['browser:chromium'],
    });
    expect(ok.json.waiting_reason).toBe('queued');
    const later = await h.call('POST', '/api/v1/jobs', {
      workflow: tinyWorkflow(),
      environment: 'reasons',
      run_at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(later.json.waiting_reason).toBe('scheduled');
  });

  it('is idempotent: same body → the same job (200), another body → 409', async () => {
    const body = { workflow: tinyWorkflow(), idempotency_key: 'order-42', variables: { n: 1 } };
    const first = await h.call('POST', '/api/v1/jobs', body);
    expect(first.status).toBe(201);
    const before = await jobCount();
    // Same content, keys in another order: canonical JSON makes it the same body.
    const again = await h.call('POST', '/api/v1/jobs', {
      variables: { n: 1 },
      idempotency_key: 'order-42',
      workflow: tinyWorkflow(),
    });
    expect(again.status).toBe(200);
    expect(again.json.id).toBe(first.json.id);
    const other = await h.call('POST', '/api/v1/jobs', { ...body, variables: { n: 2 } });
    expectProblem(other, 409, 'IDEMPOTENCY_CONFLICT');
    expect(await jobCount()).toBe(before);
  });

  it('rejects bad input with a pointer and stores nothing', async () => {
    const before = await jobCount();
    const badJson = await h.call('POST', '/api/v1/jobs', '{"workflow": ', ADMIN_KEY, {
      'content-type': 'application/json',
    });
    expectProblem(badJson, 400, 'INVALID_JSON');
    expect(badJson.json.errors[0]).toMatchObject({ pointer: '#' });

    const wrongType = await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), priority: 'high' });
    expectProblem(wrongType, 400, 'VALIDATION_FAILED');
    expect(wrongType.json.errors).toContainEqual(
      expect.objectContaining({ pointer: '#/priority', location: 'body' }),
    );

    const outOfRange = await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), priority: 21 });
    expectProblem(outOfRange, 400, 'VALIDATION_FAILED');
    expect(outOfRange.json.errors[0].pointer).toBe('#/priority');

    const unknownField = await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), prioirty: 3 });
    expect(unknownField.json.errors[0]).toMatchObject({
      pointer: '#/prioirty',
      detail: 'is not a known field',
    });

    const neither = await h.call('POST', '/api/v1/jobs', { variables: {} });
    expectProblem(neither, 400, 'VALIDATION_FAILED');
    expect(neither.json.errors[0].pointer).toBe('#/workflow_id');

    const wf = tinyWorkflow();
    (wf.nodes as Record<string, unknown>).bogus = { node_id: 'bogus', node_type: 'TeleportNode', config: {} };
    const unknownNode = await h.call('POST', '/api/v1/jobs', { workflow: wf });
    expectProblem(unknownNode, 422, 'UNKNOWN_NODE_TYPE');
    expect(unknownNode.json.detail).toContain('TeleportNode');
    expect(unknownNode.json.errors).toContainEqual(
      expect.objectContaining({ pointer: '#/workflow/nodes/bogus/node_type' }),
    );

    const unknownOnUpload = await h.call('POST', '/api/v1/workflows', { definition: wf });
    expectProblem(unknownOnUpload, 422, 'UNKNOWN_NODE_TYPE');
    expect(unknownOnUpload.json.errors).toContainEqual(
      expect.objectContaining({ pointer: '#/definition/nodes/bogus/node_type' }),
    );

    const huge = await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow('x'.repeat(300 * 1024)) });
    expectProblem(huge, 413, 'BODY_TOO_LARGE');

    const badId = await h.call('GET', '/api/v1/jobs/not-a-uuid');
    expectProblem(badId, 400, 'VALIDATION_FAILED');
    expect(badId.json.errors[0]).toMatchObject({ pointer: '#/id', location: 'params' });

    const badQuery = await h.call('GET', '/api/v1/jobs?limit=0');
    expectProblem(badQuery, 400, 'VALIDATION_FAILED');
    expect(badQuery.json.errors[0]).toMatchObject({ pointer: '#/limit', location: 'query' });

    expect(await jobCount()).toBe(before);
  });

  it("KEDA's query counts the pending jobs", async () => {
    await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), environment: 'keda' });
    const { rows } = await h.t.db.query<{ count: number }>(
      "SELECT COUNT(*) FROM job_queue WHERE status = 'pending'",
    );
    const listed = await h.call('GET', '/api/v1/jobs?status=pending&limit=500');
    expect(Number(rows[0]!.count)).toBe(listed.json.items.length);
    expect(Number(rows[0]!.count)).toBeGreaterThan(0);
  });

  it('cancels a pending job and retries it; answers 404 for unknown ids and 409 for wrong states', async () => {
    const job = (await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow() })).json;
    expect((await h.call('POST', `/api/v1/jobs/${job.id}/cancel`)).json).toMatchObject({
      status: 'cancelled',
    });
    expectProblem(await h.call('POST', `/api/v1/jobs/${job.id}/cancel`), 409, 'JOB_NOT_CANCELLABLE');
    expect((await h.call('POST', `/api/v1/jobs/${job.id}/retry`)).json).toMatchObject({
      id: job.id,
      status: 'pending',
    });
    expectProblem(await h.call('POST', `/api/v1/jobs/${job.id}/retry`), 409, 'JOB_NOT_RETRYABLE');
    expectProblem(
      await h.call('GET', '/api/v1/jobs/6f1c2d3e-0000-4000-8000-000000000000'),
      404,
      'JOB_NOT_FOUND',
    );
    expectProblem(await h.call('GET', '/api/v1/nope'), 404, 'NOT_FOUND');
  });

  it('pages through jobs with next_cursor', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (await h.call('POST', '/api/v1/jobs', { workflow: tinyWorkflow(), environment: 'paging' })).json.id,
      );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let guard = 0; guard < 100 && seen.length < 5; guard++) {
      const page: any = (await h.call('GET', `/api/v1/jobs?limit=2${cursor ? `&cursor=${cursor}` : ''}`))
        .json;
      seen.push(
        ...page.items.filter((j: { id: string }) => ids.includes(j.id)).map((j: { id: string }) => j.id),
      );
      cursor = page.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());
    expectProblem(await h.call('GET', '/api/v1/jobs?cursor=garbage'), 400, 'INVALID_CURSOR');
  });
});
