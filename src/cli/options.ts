import type { Command } from 'commander';
import { CliError } from './errors.js';

/** Adds the client commands' shared options (--server, --api-key, --data-dir). */
export function clientOptions(cmd: Command): Command {
  return cmd
    .option('--server <url>', 'orchestrator URL', process.env.CASARE_SERVER ?? 'http://127.0.0.1:8000')
    .option('--api-key <key>', 'API key (default: $CASARE_API_KEY, else <data dir>/admin-key)')
    .option('--data-dir <dir>', 'data directory holding admin-key (default: $CASARE_DATA_DIR or ./.casare)');
}

export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function parseIntOption(name: string, min: number, max: number) {
  return (raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new CliError(`${name} must be an integer ${min}-${max}, got "${raw}"`);
    return n;
  };
}

/** `k=v` pairs; v is parsed as JSON when it parses (numbers, booleans, lists), else kept as text. */
export function parseVars(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new CliError(`--var expects name=value, got "${p}"`);
    const raw = p.slice(i + 1);
    let v: unknown = raw;
    try {
      v = JSON.parse(raw);
    } catch {
      v = raw;
    }
    out[p.slice(0, i)] = v;
  }
  return out;
}

/** `FROM=TO` URL prefix pairs for --map-url. */
export function parseUrlMap(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0 || i === p.length - 1) throw new CliError(`--map-url expects FROM=TO, got "${p}"`);
    out[p.slice(0, i)] = p.slice(i + 1);
  }
  return out;
}

export function splitList(raw: string | undefined): string[] {
  return raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : [];
}
