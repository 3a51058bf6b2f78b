/**
 * What the two job drivers (embedded.ts on the database, redis/driver.ts on BullMQ) have in
 * common, written once: the options both take, the calls both add to JobRuntime, the handler
 * registry, the housekeeping timers and the bounded wait of a shutdown. How each claims, runs
 * and records jobs stays its own: only the storage differs there, but it differs in every
 * line.
 */
import type { IdGenerator } from '../core/ids.ts';
import type { Logger } from '../core/logger.ts';
import type { HandlerOptions, JobHandler, JobRuntime, QueueName } from '../core/queue.ts';
import type { RegisteredHandler } from './perform.ts';

export interface JobDriverOptions {
  ids: IdGenerator;
  log: Logger;
  /** How often idle workers look for due jobs when nothing wakes them. Default 1 s. */
  pollMs?: number;
  /** How long a running job stays locked without renewal before another worker may take it. */
  lockMs?: number;
  /** Randomness for the queue order and the backoff jitter (tests pass a seeded one). */
  random?: () => number;
  /**
   * Loops of their own for the `push` queue (deliveries, which mostly wait on other servers),
   * in a process that takes it; the other loops then serve the other queues. 0: none.
   */
  pushConcurrency?: number;
}

export interface JobDriver extends JobRuntime {
  /**
   * Runs due jobs one after another in this call until none is due (or `limit` ran), whether
   * or not the workers are started; returns how many ran. For tests and one-off commands.
   */
  runDue(options?: { queues?: readonly QueueName[]; limit?: number }): Promise<number>;
  /**
   * Housekeeping, as a started scheduler runs it: records the recurring jobs that are due
   * (and, on the database, takes back the jobs whose lock expired).
   */
  tick(): Promise<void>;
}

/** Registers `handler` for jobs named `name`; the returned function takes it back. */
export function registerHandler(
  handlers: Map<string, RegisteredHandler>,
  name: string,
  handler: JobHandler,
  options: HandlerOptions = {},
): () => void {
  const registered = { handler, options };
  handlers.set(name, registered);
  return () => {
    if (handlers.get(name) === registered) handlers.delete(name);
  };
}

/** Work repeated on a timer (repeatEvery), stopped with the run under way awaited. */
export interface Repeating {
  /** Stops the timer and waits for a run that has started to end. */
  stop(): Promise<void>;
}

/**
 * Runs `fn` now and every `ms`, never twice at once, logging a failure as "could not `what`".
 * A driver's `stop` awaits each one's `stop`, so that no run (housekeeping, a lock renewal)
 * is still going when the database or connection behind it closes.
 */
export function repeatEvery(
  repeats: Repeating[],
  log: Logger,
  ms: number,
  what: string,
  fn: () => Promise<void>,
): void {
  let current: Promise<void> | null = null;
  const run = () => {
    if (current) return;
    current = fn()
      .catch((error: unknown) => log.error(`could not ${what}`, { error }))
      .finally(() => (current = null));
  };
  run();
  const timer = setInterval(run, ms);
  repeats.push({
    async stop() {
      clearInterval(timer);
      await current;
    },
  });
}

/** Waits for `work` to settle, at most `timeoutMs`; true when the time ran out first. */
export async function timedOutWaiting(
  work: readonly Promise<unknown>[],
  timeoutMs: number,
): Promise<boolean> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = await Promise.race([
    Promise.all(work).then(() => false),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return timedOut;
}

/**
 * The idle side of a driver's worker loops. A loop that finds nothing sleeps until a job is
 * enqueued here (`wake`), or `pollMs` passes; `onSleep` lets the driver watch for other
 * processes' jobs meanwhile. A queue found empty is not asked again for `pollMs` (or until a
 * job is enqueued in it here), so that idle queues do not cost busy ones a query per job.
 * That interval is real time: it is about how often to ask, which a test's manual clock must
 * not stretch.
 */
export class IdleLoops {
  readonly #pollMs: number;
  readonly #onSleep: () => void;
  readonly #sleepers = new Set<() => void>();
  readonly #emptyUntil = new Map<QueueName, number>();

  constructor(pollMs: number, onSleep: () => void = () => {}) {
    this.#pollMs = pollMs;
    this.#onSleep = onSleep;
  }

  isKnownEmpty(queue: QueueName): boolean {
    return (this.#emptyUntil.get(queue) ?? 0) > performance.now();
  }

  foundEmpty(queue: QueueName): void {
    this.#emptyUntil.set(queue, performance.now() + this.#pollMs);
  }

  /** Wakes the sleeping loops: `queue` (without one, any queue) may have jobs again. */
  wake(queue?: QueueName): void {
    if (queue) this.#emptyUntil.delete(queue);
    else this.#emptyUntil.clear();
    for (const resume of this.#sleepers) resume();
    this.#sleepers.clear();
  }

  sleep(): Promise<void> {
    return new Promise<void>((resolve) => {
      const resume = () => {
        clearTimeout(timer);
        this.#sleepers.delete(resume);
        resolve();
      };
      const timer = setTimeout(resume, this.#pollMs);
      this.#sleepers.add(resume);
      this.#onSleep();
    });
  }
}
