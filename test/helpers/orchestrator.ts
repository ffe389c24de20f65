import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import {
  type Orchestrator,
  type OrchestratorOptions,
  startOrchestrator,
} from '../../src/orchestrator/orchestrator.js';
import { ADMIN_KEY } from './app.js';
import { openTestDb, type TestDb } from './db.js';
import { testLog } from './logger.js';

export interface RunningOrchestrator {
  orch: Orchestrator;
  url: string;
  dataDir: string;
  /** fetch against the orchestrator with the admin key. */
  api(method: string, url: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

/**
 * A real orchestrator listening on a free port, on the suite's driver: a fresh PostgreSQL
 * database (DATABASE_URL set) or an embedded PGlite under a temp data dir.
 */
export async function startTestOrchestrator(
  opts: Partial<OrchestratorOptions> = {},
): Promise<RunningOrchestrator> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'casare-e2e-'));
  let t: TestDb | null = null;
  let databaseUrl: string | undefined;
  if (process.env.DATABASE_URL) {
    t = await openTestDb();
    databaseUrl = t.url;
    await t.db.close();
  }
  const config = loadConfig({}, { databaseUrl, dataDir, port: 0, host: '127.0.0.1', adminKey: ADMIN_KEY });
  const orch = await startOrchestrator({ config, log: testLog, robots: 1, ...opts });
  const url = orch.url!;
  return {
    orch,
    url,
    dataDir,
    async api(method, u, body) {
      const res = await fetch(`${url}${u}`, {
        method,
        headers: {
          authorization: `Bearer ${ADMIN_KEY}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    },
    async close() {
      await orch.close();
      await t?.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}
