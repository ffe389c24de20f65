import path from 'node:path';
import { ADMIN_KEY_FILE, readKeyFile } from '../auth/admin-key.js';
import { CliError } from './errors.js';

export interface ClientOptions {
  server?: string;
  apiKey?: string;
  dataDir?: string;
}

/** The API client behind the client commands; problem+json answers become one-line errors. */
export class ApiClient {
  private constructor(
    readonly base: string,
    private readonly key: string,
  ) {}

  static async create(o: ClientOptions): Promise<ApiClient> {
    const base = (o.server ?? process.env.CASARE_SERVER ?? 'http://127.0.0.1:8000').replace(/\/+$/, '');
    const dataDir = path.resolve(o.dataDir ?? process.env.CASARE_DATA_DIR ?? '.casare');
    const key =
      o.apiKey ??
      process.env.CASARE_API_KEY ??
      process.env.CASARE_ADMIN_KEY ??
      (await readKeyFile(path.join(dataDir, ADMIN_KEY_FILE)));
    if (!key) {
      throw new CliError(
        `no API key: pass --api-key, set CASARE_API_KEY, or run where ${path.join(dataDir, ADMIN_KEY_FILE)} exists`,
      );
    }
    return new ApiClient(base, key);
  }

  async request<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    let res: Response;
    try {
      res = await fetch(`${this.base}${url}`, {
        method,
        headers: {
          authorization: `Bearer ${this.key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new CliError(
        `cannot reach the orchestrator at ${this.base} (${(err as Error).message}); is it running? (casare up)`,
        1,
      );
    }
    const text = await res.text();
    let json: unknown = null;
    try {
      json = text === '' ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    if (!res.ok) {
      const p = (json ?? {}) as {
        code?: string;
        detail?: string;
        errors?: { pointer: string; detail: string }[];
      };
      const where = p.errors?.length
        ? ` (${p.errors.map((e) => `${e.pointer}: ${e.detail}`).join('; ')})`
        : '';
      throw new CliError(
        `${res.status} ${p.code ?? res.statusText}: ${p.detail ?? text.slice(0, 200)}${where}`,
        1,
      );
    }
    return { status: res.status, body: json as T };
  }
}
