/**
 * Fedify marks every inbound activity it has processed (`["_fedify","activityIdempotence",
 * origin, id]`, kept a day) so that a redelivery is skipped. Written one by one, each mark was
 * a statement and a commit of its own per activity: on a kv table of 200,000 marks, about 58 us
 * of CPU on SQLite (26 us when 64 share a statement) and on PostgreSQL 75-90 us of the
 * process's CPU and 0.3-2 ms holding a pooled connection for the commit (5-8 us and 20-40 us
 * batched; bench/kv-idempotence.ts). So the marks are kept here and written together: when
 * `batch` of them wait, after `delayMs` otherwise, and on close (app.ts closes the federation
 * before the database).
 *
 * A mark not yet written is read from here, so this process skips a redelivery as before.
 * A crash loses at most the last `delayMs` of marks, and another process (or job thread) on
 * the same database may not see a mark for as long: a redelivery in that window is processed
 * again, which is harmless because processing is idempotent (unique URIs, "already exists" is
 * success; docs/architecture.md). A write that fails keeps its marks for the next attempt.
 */
import type { KvKey } from '@fedify/fedify';
import type { Clock } from '../core/clock.ts';
import type { Database, SqlValue } from '../db/database.ts';

/** Fedify's default KvStore prefix for these marks (`kvPrefixes.activityIdempotence`). */
export const idempotencePrefix = ['_fedify', 'activityIdempotence'] as const;

/** Whether Fedify stores `key` as an activity's idempotence mark. */
export function isIdempotenceKey(key: KvKey): boolean {
  return key[0] === idempotencePrefix[0] && key[1] === idempotencePrefix[1];
}

/** A value as the `kv` table stores it. */
export interface KvRow {
  json: string;
  expiresAt: number | null;
}

export interface IdempotenceMarksOptions {
  /** How long a mark waits for others before it is written. */
  delayMs?: number;
  /** How many marks are written together (also: the most one statement writes). */
  batch?: number;
  /** The most marks kept unwritten (while the database refuses them); the oldest go first. */
  limit?: number;
}

export class IdempotenceMarks {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #delayMs: number;
  readonly #batch: number;
  readonly #limit: number;
  /** Marks waiting to be written, by encoded key, oldest first. */
  readonly #pending = new Map<string, KvRow>();
  /** Marks being written. */
  readonly #writing = new Map<string, KvRow>();
  readonly #writes = new Set<Promise<void>>();
  #timer: ReturnType<typeof setTimeout> | null = null;
  #closed = false;

  constructor(db: Database, clock: Clock, options: IdempotenceMarksOptions = {}) {
    this.#db = db;
    this.#clock = clock;
    this.#delayMs = options.delayMs ?? 100;
    this.#batch = options.batch ?? 64;
    this.#limit = options.limit ?? 10_000;
  }

  /** Whether `add` keeps marks (until `close`, after which they are written at once). */
  get open(): boolean {
    return !this.#closed;
  }

  /** Keeps the mark under `key`; resolves once it is written if a batch is full, else at once. */
  async add(key: string, row: KvRow): Promise<void> {
    this.#pending.delete(key);
    this.#pending.set(key, row);
    if (this.#pending.size > this.#limit) this.#pending.delete(this.#pending.keys().next().value!);
    if (this.#pending.size >= this.#batch) {
      // The mark is kept either way; a failed write is tried again later.
      await this.flush().catch(() => this.#schedule());
    } else {
      this.#schedule();
    }
  }

  /** The unwritten mark under `key`, unless it has expired. */
  get(key: string): KvRow | undefined {
    const row = this.#pending.get(key) ?? this.#writing.get(key);
    return row && (row.expiresAt === null || row.expiresAt > this.#clock.now()) ? row : undefined;
  }

  /** Forgets the unwritten mark under `key`, and waits for the write of it under way if any. */
  async forget(key: string): Promise<void> {
    this.#pending.delete(key);
    if (this.#writing.has(key)) await this.settled();
  }

  /** Waits for the writes under way, whether they succeed or not. */
  async settled(): Promise<void> {
    await Promise.allSettled(this.#writes);
  }

  /**
   * Writes the marks kept now, starting at once (so that a database closed right after a
   * synchronous call to this still gets them first); rejects if the write fails.
   */
  flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#pending.size === 0) return Promise.resolve();
    const rows = [...this.#pending];
    this.#pending.clear();
    for (const [key, row] of rows) this.#writing.set(key, row);
    const write = this.#write(rows).finally(() => {
      this.#writes.delete(write);
      for (const [key, row] of rows) if (this.#writing.get(key) === row) this.#writing.delete(key);
    });
    this.#writes.add(write);
    return write;
  }

  /** Writes what is kept and waits for every write; rejects if one failed. */
  async written(): Promise<void> {
    const last = this.flush();
    await this.settled();
    await last;
  }

  /** `written`, after which `open` is false. */
  async close(): Promise<void> {
    this.#closed = true;
    await this.written();
  }

  #schedule(): void {
    if (this.#timer || this.#pending.size === 0 || this.#closed) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      // Kept on failure; the next mark or close tries again.
      this.flush().catch(() => this.#schedule());
    }, this.#delayMs);
    this.#timer.unref();
  }

  async #write(rows: [string, KvRow][]): Promise<void> {
    const chunks: (typeof rows)[] = [];
    for (let i = 0; i < rows.length; i += this.#batch) chunks.push(rows.slice(i, i + this.#batch));
    try {
      if (chunks.length === 1) {
        await this.#db.run(...upsert(chunks[0]!));
      } else {
        await this.#db.transaction(async (tx) => {
          for (const chunk of chunks) await tx.run(...upsert(chunk));
        });
      }
    } catch (error) {
      // Kept for the next write, unless a newer mark for the key came meanwhile.
      for (const [key, row] of rows) {
        if (!this.#pending.has(key) && this.#writing.get(key) === row) this.#pending.set(key, row);
      }
      throw error;
    }
  }
}

/** One statement writing `rows` (distinct keys: PostgreSQL refuses a key twice in one). */
function upsert(rows: [string, KvRow][]): [string, SqlValue[]] {
  return [
    `INSERT INTO kv (key, value, expires_at) VALUES ${rows.map(() => '(?, ?, ?)').join(', ')}
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
    rows.flatMap(([key, row]) => [key, row.json, row.expiresAt]),
  ];
}
