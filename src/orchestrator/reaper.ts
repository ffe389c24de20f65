import type { Logger } from 'pino';
import type { JobQueue } from '../queue/contract.js';

/**
 * Periodically returns jobs whose lease expired (robot crashed, froze or was cut off) to the
 * queue or the dead letter. Safe with several orchestrator replicas: the statement skips
 * rows another replica is already reaping.
 */
export class Reaper {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly queue: JobQueue,
    private readonly log: Logger,
  ) {}

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep().finally(() => {
        this.running = null;
      });
    }, intervalMs);
    this.timer.unref();
  }

  async sweep(): Promise<void> {
    try {
      for (;;) {
        const r = await this.queue.reapExpired(500);
        const n = r.requeued + r.deadLettered + r.cancelled;
        if (n > 0) this.log.warn({ ...r }, 'reaped jobs whose lease expired');
        if (n < 500) return;
      }
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'reaper sweep failed; will retry');
    }
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
