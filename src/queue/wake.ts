import type { JobQueue } from './contract.js';

/**
 * Turns the queue's wake-ups (LISTEN/NOTIFY) into something claimers can wait on.
 * A generation counter closes the race between "claim found nothing" and "start waiting":
 * read `generation` before claiming, then `wait(gen, …)` returns at once if work arrived since.
 */
export class WakeSignal {
  generation = 0;
  private readonly waiters = new Set<() => void>();
  private unsubscribe: (() => Promise<void>) | null = null;

  static async start(queue: JobQueue): Promise<WakeSignal> {
    const s = new WakeSignal();
    s.unsubscribe = await queue.subscribe(() => s.notify());
    return s;
  }

  notify(): void {
    this.generation += 1;
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }

  /** Resolves true when woken after `since`, false after `ms` or when `signal` aborts. */
  wait(since: number, ms: number, signal?: AbortSignal): Promise<boolean> {
    if (this.generation !== since) return Promise.resolve(true);
    if (signal?.aborted || ms <= 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const done = (woken: boolean) => {
        clearTimeout(timer);
        this.waiters.delete(onWake);
        signal?.removeEventListener('abort', onAbort);
        resolve(woken);
      };
      const onWake = () => done(true);
      const onAbort = () => done(false);
      const timer = setTimeout(() => done(false), ms);
      this.waiters.add(onWake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  async close(): Promise<void> {
    this.notify();
    await this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
