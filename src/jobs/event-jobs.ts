/**
 * The durable jobs that domain events lead to (home feeds, notifications, the search index),
 * stored as one job per event where they can be, in the event's own transaction where there
 * is one.
 *
 * Each module says which job an event makes for it (`on`) and how that job runs (`register`).
 * When the event happens inside `transactionWithEvents` (domain/transaction.ts), its jobs are
 * written in that transaction (`enqueueWithin`): the write and its follow-up work commit
 * together, and a crash right after the commit loses neither. An event emitted on its own,
 * after its write, has its jobs enqueued then, as before.
 *
 * The jobs an event makes on one queue are stored as a single `reactions.<event>` job that
 * runs them one after another, when their ordering keys agree (the same key, or none): a post
 * then costs one job instead of three (stored, claimed, removed, each with its commit), which
 * is most of what the jobs of an inbound post cost (bench/inbox-stages.ts). Jobs whose keys
 * differ (a follow's feed merge and its notification order on different pairs) stay separate,
 * so that no job waits behind another's key. A bundle takes the key its jobs share, so it runs
 * after and before the other jobs of that key as they would. A bundle that fails is retried
 * whole: the jobs that can be bundled are idempotent (each is retried whole on its own anyway).
 *
 * @example
 * const eventJobs = new EventJobs(deps, jobs);
 * eventJobs.register('search.index', (payload) => runSearchIndexJob(deps, payload));
 * eventJobs.on('status.created', (e) => ({ queue: 'default', name: 'search.index', payload: e }));
 */
import type { JobHandler, JobRuntime, QueueName } from '../core/queue.ts';
import type { Queryable } from '../db/database.ts';
import type { Deps } from '../domain/context.ts';
import type { DomainEvents } from '../domain/events.ts';

/** One job an event makes. */
export interface EventJob {
  queue: QueueName;
  name: string;
  payload: unknown;
  orderingKey?: string;
  /** Honoured only when the job is enqueued on its own, outside a transaction. */
  uniqueKey?: string;
}

/** The job `event` makes for one module, or null when it makes none. */
export type EventJobMaker<K extends keyof DomainEvents> = (
  event: DomainEvents[K],
  at: number,
) => EventJob | null;

/** A bundle's payload: the jobs it runs, in order. */
export interface BundlePayload {
  jobs: { name: string; payload: unknown }[];
}

/** The name of the job that runs the bundled jobs of `event`. */
export const bundleJobName = (event: keyof DomainEvents) => `reactions.${event}`;

type Runtime = Pick<JobRuntime, 'register' | 'enqueue' | 'enqueueWithin' | 'relayCommitted'>;

export class EventJobs {
  readonly #deps: Pick<Deps, 'events' | 'clock'>;
  readonly #jobs: Runtime;
  readonly #makers = new Map<keyof DomainEvents, EventJobMaker<never>[]>();
  readonly #runners = new Map<string, JobHandler>();
  readonly #stops: (() => void)[] = [];
  /** Events whose jobs their transaction stored: their listener only wakes the workers. */
  readonly #recorded = new WeakSet<object>();

  constructor(deps: Pick<Deps, 'events' | 'clock'>, jobs: Runtime) {
    this.#deps = deps;
    this.#jobs = jobs;
  }

  /** Names how jobs called `name` run, alone (as a job of their own) or in a bundle. */
  register(name: string, run: JobHandler): () => void {
    this.#runners.set(name, run);
    const unregister = this.#jobs.register(name, run);
    return () => {
      this.#runners.delete(name);
      unregister();
    };
  }

  /** Makes `maker`'s job whenever `event` happens; returns a function that stops it. */
  on<K extends keyof DomainEvents>(event: K, maker: EventJobMaker<K>): () => void {
    let makers = this.#makers.get(event);
    if (!makers) {
      makers = [];
      this.#makers.set(event, makers);
      this.#listen(event);
    }
    makers.push(maker as EventJobMaker<never>);
    return () => {
      const list = this.#makers.get(event) ?? [];
      const at = list.indexOf(maker as EventJobMaker<never>);
      if (at >= 0) list.splice(at, 1);
    };
  }

  /** Stops listening to every event. */
  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
    this.#makers.clear();
  }

  #listen<K extends keyof DomainEvents>(event: K): void {
    const { events, clock } = this.#deps;
    const bundle = bundleJobName(event);
    this.#stops.push(
      this.#jobs.register(bundle, async (payload, job) => {
        for (const each of bundled(payload)) {
          const run = this.#runners.get(each.name);
          if (!run) throw new Error(`no handler for the bundled job ${each.name}`);
          await run(each.payload, job);
        }
      }),
      events.onRecord(event, async (tx: Queryable, e) => {
        for (const job of this.#stored(event, e, clock.now())) {
          const { queue, name, payload, orderingKey } = job;
          await this.#jobs.enqueueWithin(tx, queue, name, payload, { orderingKey });
        }
        this.#recorded.add(e);
      }),
      events.on(event, async (e) => {
        if (this.#recorded.delete(e)) return this.#jobs.relayCommitted();
        for (const job of this.#stored(event, e, clock.now())) {
          const { queue, name, payload, orderingKey, uniqueKey } = job;
          await this.#jobs.enqueue(queue, name, payload, { orderingKey, uniqueKey });
        }
      }),
    );
  }

  /** The jobs to store for `e`: bundled per queue where their keys agree. */
  #stored<K extends keyof DomainEvents>(event: K, e: DomainEvents[K], at: number): EventJob[] {
    const made: EventJob[] = [];
    for (const maker of (this.#makers.get(event) ?? []) as EventJobMaker<K>[]) {
      const job = maker(e, at);
      if (job) made.push(job);
    }
    if (made.length < 2) return made;
    const byQueue = new Map<QueueName, EventJob[]>();
    for (const job of made) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
    const stored: EventJob[] = [];
    for (const [queue, jobs] of byQueue) {
      const keys = new Set(jobs.flatMap((job) => (job.orderingKey ? [job.orderingKey] : [])));
      if (jobs.length < 2 || keys.size > 1) {
        stored.push(...jobs);
        continue;
      }
      const payload: BundlePayload = {
        jobs: jobs.map(({ name, payload: p }) => ({ name, payload: p })),
      };
      stored.push({ queue, name: bundleJobName(event), payload, orderingKey: [...keys][0] });
    }
    return stored;
  }
}

function bundled(payload: unknown): BundlePayload['jobs'] {
  const jobs = (payload as Partial<BundlePayload> | null)?.jobs;
  if (!Array.isArray(jobs) || jobs.some((j) => typeof j?.name !== 'string')) {
    throw new Error(`not a bundle of jobs: ${JSON.stringify(payload)}`);
  }
  return jobs;
}
