/**
 * The Redis driver's transactional outbox. Redis cannot take part in a database transaction,
 * so `enqueueWithin` writes the job as a row of the database's `job_outbox` in the caller's
 * transaction, and a relay adds committed rows to BullMQ and deletes them: right after the
 * commit (`relayCommitted`), and in every worker process's housekeeping for the rows a crash
 * left behind.
 *
 * A relay claims its rows for `claimMs` first, so two relays never add one row at the same
 * time. A relay that dies between BullMQ's add and the row's deletion leaves the row to be
 * claimed again once the claim expires, and added again under the same BullMQ job id: a no-op
 * while that job is still in Redis; a job that already ran (and was removed) runs a second
 * time, which is why the jobs stored this way are idempotent (the federation outbox's
 * activities keep their ids).
 */
import type { IdGenerator } from '../../core/ids.ts';
import type { EnqueueOptions, JobTransaction, QueueName } from '../../core/queue.ts';
import type { Database, Row } from '../../db/database.ts';

/** Adds a relayed job to Redis under `id` (the driver's enqueue, with its id given). */
export type AddJob = (
  queue: QueueName,
  name: string,
  payload: unknown,
  options: EnqueueOptions,
  id: string,
) => Promise<unknown>;

const claimMs = 30_000;
const batch = 100;

/** The BullMQ job id of an outbox row: the same at every relay of that row. */
const jobIdOf = (queue: string, rowId: string) => `${queue}-${rowId}`;

export class JobOutbox {
  readonly #db: Database;
  readonly #ids: IdGenerator;
  readonly #add: AddJob;
  #relaying: Promise<void> | null = null;
  #again = false;

  constructor(db: Database, ids: IdGenerator, add: AddJob) {
    this.#db = db;
    this.#ids = ids;
    this.#add = add;
  }

  /** Writes the job in `tx`; returns the id it will have in BullMQ. */
  async store(
    tx: JobTransaction,
    queue: QueueName,
    name: string,
    payload: unknown,
    options: EnqueueOptions,
    now: number,
  ): Promise<string> {
    const id = this.#ids.next();
    await tx.run(
      `INSERT INTO job_outbox (id, queue, name, payload, options, claimed_until, created_at)
       VALUES (?, ?, ?, ?, ?, NULL, ?)`,
      [id, queue, name, JSON.stringify(payload ?? null), JSON.stringify(options), now],
    );
    return jobIdOf(queue, id);
  }

  /**
   * Relays every committed row. A call while a relay runs waits for one more pass after it,
   * so the rows committed before the call are relayed when it resolves.
   */
  relay(): Promise<void> {
    if (this.#relaying) {
      this.#again = true;
      return this.#relaying;
    }
    this.#relaying = (async () => {
      try {
        do {
          this.#again = false;
          while ((await this.#relayBatch(Date.now())) === batch);
        } while (this.#again);
      } finally {
        this.#relaying = null;
      }
    })();
    return this.#relaying;
  }

  /** The workers' pass for rows a crash left behind: one read when there are none. */
  async sweep(): Promise<void> {
    const left = await this.#db.get(
      'SELECT id FROM job_outbox WHERE claimed_until IS NULL OR claimed_until < ? LIMIT 1',
      [Date.now()],
    );
    if (left) await this.relay();
  }

  /** Relays up to `batch` unclaimed rows, oldest first; returns how many it claimed. */
  async #relayBatch(now: number): Promise<number> {
    const rows = await this.#db.all<Row>(
      `UPDATE job_outbox SET claimed_until = ?
        WHERE id IN (
          SELECT id FROM job_outbox WHERE claimed_until IS NULL OR claimed_until < ?
           ORDER BY id LIMIT ?${this.#db.dialect === 'postgres' ? ' FOR UPDATE SKIP LOCKED' : ''})
        RETURNING id, queue, name, payload, options, created_at`,
      [now + claimMs, now, batch],
    );
    // Oldest first, as they were stored (jobs with one ordering key line up in that order).
    rows.sort((a, b) => compareIds(String(a.id), String(b.id)));
    const relayed: string[] = [];
    try {
      for (const row of rows) {
        const id = String(row.id);
        const options = JSON.parse(String(row.options)) as EnqueueOptions;
        // A delay counts from when the job was stored, not from when it is relayed.
        const delayMs = (options.delayMs ?? 0) - (now - Number(row.created_at));
        await this.#add(
          row.queue as QueueName,
          String(row.name),
          JSON.parse(String(row.payload)) as unknown,
          { ...options, delayMs: delayMs > 0 ? delayMs : undefined },
          jobIdOf(String(row.queue), id),
        );
        relayed.push(id);
      }
    } finally {
      // Rows not relayed (Redis failed) keep their claim until it expires, then go again.
      for (let start = 0; start < relayed.length; start += 500) {
        const chunk = relayed.slice(start, start + 500);
        await this.#db.run(
          `DELETE FROM job_outbox WHERE id IN (${chunk.map(() => '?').join(', ')})`,
          chunk,
        );
      }
    }
    return rows.length;
  }
}

/** Snowflake ids (decimal strings) in numeric order. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
