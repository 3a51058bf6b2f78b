/**
 * Fedify's KvStore on the `kv` table of Woolly's own database, so that Fedify's caches
 * (remote documents, public keys), inbox idempotence and delivery circuit breakers need no
 * extra service and are shared by every process on the database.
 *
 * A key is stored as the JSON of its parts (`["_fedify","publicKey","https://…"]`), which
 * keeps prefix listing a string comparison; values are JSON. Expired entries read as absent
 * and are deleted by `deleteExpired`, which app.ts runs as a recurring job.
 *
 * Fedify reads the same few keys for every incoming activity (the sender's public key and
 * actor document, signature-spec hints), so values read or written here are also kept in a
 * small in-process LRU for a few seconds: a busy inbox then costs no query per key. Only
 * values that exist are kept, never absence, and for at most `recentMs`, which bounds how long
 * a change made by another process on the same database can go unseen; `cas` always asks
 * the database.
 *
 * The marks of processed activities are written in batches (idempotence-marks.ts); `close`
 * writes those still kept.
 */
import { isDeepStrictEqual } from 'node:util';
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import type { Clock } from '../core/clock.ts';
import type { Database, Row } from '../db/database.ts';
import { durationMs } from './duration.ts';
import {
  IdempotenceMarks,
  isIdempotenceKey,
  type IdempotenceMarksOptions,
} from './idempotence-marks.ts';

const listPage = 500;
/** How long a value stays in the in-process LRU, and how many are kept. */
const recentMs = 10_000;
const recentEntries = 2_000;

interface Recent {
  json: string;
  /** When the LRU forgets it: the sooner of its expiry and `recentMs` after it was read. */
  until: number;
}

export class DatabaseKvStore implements KvStore {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #recent = new Map<string, Recent>();
  readonly #marks: IdempotenceMarks;

  constructor(db: Database, clock: Clock, options: { marks?: IdempotenceMarksOptions } = {}) {
    this.#db = db;
    this.#clock = clock;
    this.#marks = new IdempotenceMarks(db, clock, options.marks);
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const k = encodeKey(key);
    const mark = this.#marks.get(k);
    if (mark) return JSON.parse(mark.json) as T;
    const now = this.#clock.now();
    const recent = this.#recent.get(k);
    if (recent && recent.until > now) {
      // Most recently used last.
      this.#recent.delete(k);
      this.#recent.set(k, recent);
      return JSON.parse(recent.json) as T;
    }
    const row = await this.#db.get<{ value: string; expires_at: number | string | null }>(
      'SELECT value, expires_at FROM kv WHERE key = ? AND (expires_at IS NULL OR expires_at > ?)',
      [k, now],
    );
    if (!row) {
      this.#recent.delete(k);
      return undefined;
    }
    this.#remember(k, row.value, row.expires_at === null ? null : Number(row.expires_at));
    return JSON.parse(row.value) as T;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    if (value === undefined) return this.delete(key);
    const k = encodeKey(key);
    const json = JSON.stringify(value);
    const expiresAt = this.#expiresAt(options);
    this.#recent.delete(k);
    if (isIdempotenceKey(key)) {
      // Read from the marks until written; a redelivery after that is rare: not kept below.
      if (this.#marks.open) return this.#marks.add(k, { json, expiresAt });
      await this.#marks.forget(k);
      await this.#setRow(k, json, expiresAt);
      return;
    }
    await this.#setRow(k, json, expiresAt);
    this.#remember(k, json, expiresAt);
  }

  async #setRow(k: string, json: string, expiresAt: number | null): Promise<void> {
    await this.#db.run(
      `INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, expires_at = excluded.expires_at`,
      [k, json, expiresAt],
    );
  }

  async delete(key: KvKey): Promise<void> {
    const k = encodeKey(key);
    this.#recent.delete(k);
    if (isIdempotenceKey(key)) await this.#marks.forget(k);
    await this.#db.run('DELETE FROM kv WHERE key = ?', [k]);
  }

  /**
   * Sets `key` to `newValue` only if it now holds `expectedValue` (deep equality; `undefined`
   * means absent). A `newValue` of `undefined` deletes the key, which is how Fedify consumes
   * one-time nonces.
   */
  async cas(
    key: KvKey,
    expectedValue: unknown,
    newValue: unknown,
    options?: KvStoreSetOptions,
  ): Promise<boolean> {
    const k = encodeKey(key);
    this.#recent.delete(k);
    if (isIdempotenceKey(key)) await this.#marks.written();
    const now = this.#clock.now();
    const lock = this.#db.dialect === 'postgres' ? ' FOR UPDATE' : '';
    return this.#db.transaction(async (tx) => {
      const row = await tx.get<{ value: string; expires_at: number | null }>(
        `SELECT value, expires_at FROM kv WHERE key = ?${lock}`,
        [k],
      );
      const live = row && (row.expires_at === null || Number(row.expires_at) > now);
      const current: unknown = live ? JSON.parse(row.value) : undefined;
      if (!isDeepStrictEqual(current, expectedValue)) return false;
      if (newValue === undefined) {
        if (row) await tx.run('DELETE FROM kv WHERE key = ?', [k]);
        return true;
      }
      const value = JSON.stringify(newValue);
      const expiresAt = this.#expiresAt(options);
      if (row) {
        await tx.run('UPDATE kv SET value = ?, expires_at = ? WHERE key = ?', [
          value,
          expiresAt,
          k,
        ]);
        return true;
      }
      // Absent rows are not locked by the SELECT: a concurrent insert makes this one lose.
      const { changes } = await tx.run(
        'INSERT INTO kv (key, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING',
        [k, value, expiresAt],
      );
      return changes === 1;
    });
  }

  /** Entries whose key starts with `prefix` (or equals it), in pages, by key. */
  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    await this.#marks.written();
    const exact = prefix ? encodeKey(prefix) : null;
    // `["a","b"]` is the prefix itself; its children start with `["a","b",`.
    const children = exact ? `${exact.slice(0, -1)},` : null;
    let after = '';
    for (;;) {
      const rows = await this.#db.all<Row>(
        `SELECT key, value FROM kv
          WHERE key > ? AND (expires_at IS NULL OR expires_at > ?)
            ${exact ? 'AND (key = ? OR substr(key, 1, length(CAST(? AS TEXT))) = CAST(? AS TEXT))' : ''}
          ORDER BY key LIMIT ?`,
        [
          after,
          this.#clock.now(),
          ...(exact && children ? [exact, children, children] : []),
          listPage,
        ],
      );
      for (const row of rows) {
        yield { key: JSON.parse(String(row.key)) as KvKey, value: JSON.parse(String(row.value)) };
      }
      if (rows.length < listPage) return;
      after = String(rows[rows.length - 1]!.key);
    }
  }

  /** Writes the activities' marks still kept, and from then on each as it is set. */
  async close(): Promise<void> {
    await this.#marks.close();
  }

  /** Deletes expired entries; returns how many. */
  async deleteExpired(): Promise<number> {
    const { changes } = await this.#db.run(
      'DELETE FROM kv WHERE expires_at IS NOT NULL AND expires_at <= ?',
      [this.#clock.now()],
    );
    return changes;
  }

  #remember(key: string, json: string, expiresAt: number | null): void {
    const until = this.#clock.now() + recentMs;
    this.#recent.delete(key);
    this.#recent.set(key, { json, until: expiresAt === null ? until : Math.min(until, expiresAt) });
    if (this.#recent.size > recentEntries) this.#recent.delete(this.#recent.keys().next().value!);
  }

  #expiresAt(options: KvStoreSetOptions | undefined): number | null {
    return options?.ttl ? this.#clock.now() + durationMs(options.ttl) : null;
  }
}

function encodeKey(key: KvKey): string {
  return JSON.stringify(key);
}
