import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { createServices, type Services } from '../../src/orchestrator/services.js';
import { openTestDb, type TestDb } from './db.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  t: TestDb;
  /** inject() with the admin key unless `key` is given (null = no key). */
  call(
    method: string,
    url: string,
    body?: unknown,
    key?: string | null,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
  close(): Promise<void>;
}

export async function openTestApp(
  opts: {
    leaseSeconds?: number;
    heartbeatSeconds?: number;
    backoffBaseSeconds?: number;
    bodyLimit?: number;
  } = {},
): Promise<TestApp> {
  const t = await openTestDb();
  const services = await createServices(t.db, { adminKey: ADMIN_KEY, ...opts });
  const app = await buildApp({ services, bodyLimit: opts.bodyLimit });
  const inflight = new Map<string, string>();
  if (process.env.CASARE_TEST_DEBUG) {
    app.addHook('onRequest', async (req) => {
      inflight.set(req.id, `${req.method} ${req.url} @${Date.now()}`);
    });
    app.addHook('onResponse', async (req) => {
      inflight.delete(req.id);
    });
  }
  return {
    app,
    services,
    t,
    async call(method, url, body, key = ADMIN_KEY, headers = {}) {
      const res = await app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(key ? { authorization: `Bearer ${key}` } : {}),
          ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
          ...headers,
        },
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      let json: unknown = null;
      try {
        json = JSON.parse(res.body);
      } catch {
        json = null;
      }
      return { status: res.statusCode, json, headers: res.headers, body: res.body };
    },
    async close() {
      const t0 = Date.now();
      const step = (what: string) =>
        process.env.CASARE_TEST_DEBUG && console.error(`close: ${what} after ${Date.now() - t0} ms`);
      const timer = setTimeout(
        () => console.error('close: still in flight', [...inflight.values()], Date.now()),
        5000,
      );
      await app.close();
      clearTimeout(timer);
      step('app');
      await services.close();
      step('services');
      await t.close();
      step('db');
    },
  };
}
