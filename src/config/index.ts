import path from 'node:path';

/**
 * All environment-driven settings, validated once into one frozen object.
 * Names are part of the public contract (CONTRACT.md, "Environment").
 */
export interface Config {
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly adminKey: string | undefined;
  readonly masterKey: string | undefined;
  readonly chromiumPath: string | undefined;
  readonly redisUrl: string | undefined;
  readonly logLevel: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const v = env[name]?.trim();
  return v === undefined || v === '' ? undefined : v;
}

function port(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new ConfigError(`${name} must be a port number 0-65535, got "${raw}"`);
  return n;
}

export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const databaseUrl = nonEmpty(env, 'DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// connection string');
  }
  const cfg: Config = {
    databaseUrl,
    dataDir: path.resolve(nonEmpty(env, 'CASARE_DATA_DIR') ?? '.casare'),
    port: port(env, 'CASARE_PORT', 8000),
    host: nonEmpty(env, 'CASARE_HOST') ?? '127.0.0.1',
    adminKey: nonEmpty(env, 'CASARE_ADMIN_KEY'),
    masterKey: nonEmpty(env, 'CASARE_MASTER_KEY'),
    chromiumPath: nonEmpty(env, 'CASARE_CHROMIUM_PATH'),
    redisUrl: nonEmpty(env, 'REDIS_URL'),
    logLevel: nonEmpty(env, 'CASARE_LOG_LEVEL') ?? 'info',
    ...stripUndefined(overrides),
  };
  return Object.freeze(cfg);
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
