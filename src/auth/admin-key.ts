import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Config } from '../config/index.js';
import { ConfigError } from '../config/index.js';

export const ADMIN_KEY_FILE = 'admin-key';

/**
 * The platform admin key: CASARE_ADMIN_KEY when set; in embedded mode a key generated on
 * first start into `<data dir>/admin-key` (0600); with DATABASE_URL it must be configured,
 * because several replicas must agree on it.
 */
export async function resolveAdminKey(
  cfg: Config,
): Promise<{ key: string; generated: boolean; file: string | null }> {
  if (cfg.adminKey) {
    if (cfg.adminKey.length < 16) throw new ConfigError('CASARE_ADMIN_KEY must be at least 16 characters');
    return { key: cfg.adminKey, generated: false, file: null };
  }
  if (cfg.databaseUrl) {
    throw new ConfigError(
      'CASARE_ADMIN_KEY is required when DATABASE_URL is set (every replica must use the same key)',
    );
  }
  const file = path.join(cfg.dataDir, ADMIN_KEY_FILE);
  const existing = await readKeyFile(file);
  if (existing) return { key: existing, generated: false, file };
  await fs.mkdir(cfg.dataDir, { recursive: true });
  const key = `csa_${randomBytes(32).toString('base64url')}`;
  try {
    // 'wx' fails if another process created it first; then we use theirs.
    await fs.writeFile(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
    return { key, generated: true, file };
  } catch (err) {
    const raced = await readKeyFile(file);
    if (raced) return { key: raced, generated: false, file };
    throw err;
  }
}

/** Reads the admin key file of a data dir, for client commands' default `--api-key`. */
export async function readKeyFile(file: string): Promise<string | null> {
  try {
    const text = (await fs.readFile(file, 'utf8')).trim();
    return text === '' ? null : text;
  } catch {
    return null;
  }
}
