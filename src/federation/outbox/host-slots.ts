/**
 * Per-server delivery slots: at most `limit` deliveries to one server run at once in a process,
 * so that a slow or hanging server holds a few of the push loops, never all of them, and the
 * deliveries to everyone else go on. A delivery that finds its server's slots taken is put back
 * in the queue (JobPostponed: no attempt counted) for a while that grows with how often that
 * server's deliveries were put back since one of them last finished, so that a hanging
 * server's backlog is looked at less and less often instead of spinning through the queue.
 *
 * @example
 * const slots = new HostSlots(5);
 * const release = slots.take('srv.example'); // throws JobPostponed when 5 already run
 * try { await send(); } finally { release(); }
 */
import { JobPostponed } from '../../core/job-postponed.ts';

/** The first put-back waits about this long; each `limit` further put-backs double it. */
const basePostponeMs = 200;
const maxPostponeMs = 60_000;

export class HostSlots {
  readonly limit: number;
  readonly #random: () => number;
  readonly #running = new Map<string, number>();
  readonly #postponed = new Map<string, number>();

  constructor(limit: number, random: () => number = Math.random) {
    this.limit = Math.max(1, limit);
    this.#random = random;
  }

  /** How many deliveries to `host` run now. */
  running(host: string): number {
    return this.#running.get(host) ?? 0;
  }

  /** Takes a slot for `host`; the returned function gives it back (call it once). */
  take(host: string): () => void {
    const running = this.running(host);
    if (running >= this.limit) {
      const postponed = (this.#postponed.get(host) ?? 0) + 1;
      this.#postponed.set(host, postponed);
      const doublings = Math.min(20, Math.floor(postponed / this.limit));
      const delay = Math.min(maxPostponeMs, basePostponeMs * 2 ** doublings);
      throw new JobPostponed(
        Math.round(delay * (0.5 + this.#random())),
        `${host} already has ${running} deliveries running`,
      );
    }
    this.#running.set(host, running + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = this.running(host) - 1;
      if (left > 0) this.#running.set(host, left);
      else this.#running.delete(host);
      this.#postponed.delete(host);
    };
  }
}

/**
 * The server a queued Fedify delivery goes to (its `inbox` host), or null for other messages.
 *
 * @example deliveryHost({ type: 'outbox', inbox: 'https://srv.example/inbox' }) // 'srv.example'
 */
export function deliveryHost(message: unknown): string | null {
  if (typeof message !== 'object' || message === null) return null;
  const { type, inbox } = message as { type?: unknown; inbox?: unknown };
  if (type !== 'outbox' || typeof inbox !== 'string') return null;
  try {
    return new URL(inbox).host.toLowerCase();
  } catch {
    return null;
  }
}
