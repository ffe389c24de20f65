import pino, { type Logger } from 'pino';

/** Structured JSON logs on stderr (stdout stays free for command output). */
export function cliLogger(level = process.env.CASARE_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { pid: process.pid } }, pino.destination({ fd: 2, sync: false }));
}
