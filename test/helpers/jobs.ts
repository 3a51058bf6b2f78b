/**
 * Job runtimes for tests: embedded drivers on a test Woolly's database and manual clock, as
 * many as a test needs (two stand for two processes sharing one database).
 */
import { createEmbeddedJobs, type EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { TestWoolly } from './woolly.ts';

/** A deterministic `Math.random` (mulberry32), so weighted orders and jitter repeat. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A runtime on `w`'s database; stopped (briefly waiting for its jobs) before `w` closes. */
export function jobsFor(
  w: TestWoolly,
  options: { random?: () => number; lockMs?: number; pollMs?: number } = {},
): EmbeddedJobs {
  const jobs = createEmbeddedJobs({
    db: w.deps.db,
    ids: w.deps.ids,
    clock: w.clock,
    log: w.deps.log,
    random: options.random ?? seededRandom(1),
    lockMs: options.lockMs,
    pollMs: options.pollMs,
  });
  const close = w.close;
  w.close = async () => {
    await jobs.stop({ timeoutMs: 1000 });
    await close();
  };
  return jobs;
}

/** Resolves once `check` is true, polling every 5 ms; fails after `timeoutMs`. */
export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A promise with its resolve function, for handlers that a test lets finish. */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/**
 * Runs the waiting outbox jobs (federation/outbox/durable.ts: a local action's activities)
 * that are due, and those they lead to, as a worker would; deliveries stay queued. They run
 * first on `default` (their priority), so a limited run takes exactly them.
 */
export async function runOutboxJobs(w: TestWoolly): Promise<number> {
  let ran = 0;
  for (;;) {
    const row = await w.deps.db.get<{ n: number | string }>(
      `SELECT COUNT(*) AS n FROM jobs
        WHERE name LIKE 'outbox.%' AND state = 'waiting' AND run_at <= ?`,
      [w.clock.now()],
    );
    const waiting = Number(row?.n ?? 0);
    if (waiting === 0) return ran;
    ran += await (w.jobs as EmbeddedJobs).runDue({ queues: ['default'], limit: waiting });
  }
}
