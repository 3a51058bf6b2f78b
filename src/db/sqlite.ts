/**
 * The embedded database: node:sqlite in WAL mode, one connection per process (per thread with
 * JOB_THREADS). Transactions are serialized by an async lock so that interleaved requests never
 * share one; writers in different threads take turns through sqlite-write-lock.ts.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database, Queryable, Row, SqlValue } from './database.ts';
import { withWriteLock, withWriteLockFor } from './sqlite-write-lock.ts';

type Bindable = string | number | bigint | null | Uint8Array;

let writes = 0;
/** Transactions and writing statements committed in this thread so far (sqlite-checkpointer.ts). */
export const sqliteWrites = (): number => writes;

export function openSqlite(path: string): Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA foreign_keys = ON');
  db.exec('PRAGMA busy_timeout = 5000');
  // A busy instance touches more pages than SQLite's default 2 MB page cache holds (jobs,
  // feeds, statuses and their indexes): a larger cache (it grows only as pages are read, up
  // to 64 MB) and memory-mapped reads (the OS page cache's memory, shared and reclaimable)
  // save a system call per page read.
  db.exec('PRAGMA cache_size = -65536');
  db.exec('PRAGMA mmap_size = 268435456');
  db.exec('PRAGMA temp_store = MEMORY');
  // A writer checkpoints by itself once the log passes 4,000 pages (16 MB; SQLite's default is
  // 1,000): while the instance is busy the checkpoint thread keeps the log short
  // (sqlite-checkpointer.ts), and before it starts, or on a quiet instance, fewer and larger
  // checkpoints copy a page changed many times once (inbound activities: 380 to 405-424/s).
  db.exec('PRAGMA wal_autocheckpoint = 4000');
  return new SqliteDatabase(db);
}

class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #lock: Promise<void> = Promise.resolve();
  #open = true;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  #statement(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql);
      statement.setReadBigInts(true);
      this.#statements.set(sql, statement);
      if (this.#statements.size > 2000) {
        const oldest = this.#statements.keys().next().value;
        if (oldest !== undefined) this.#statements.delete(oldest);
      }
    }
    return statement;
  }

  readonly #direct: Queryable = {
    all: async <T>(sql: string, params: readonly SqlValue[] = []) =>
      this.#statement(sql)
        .all(...bind(params))
        .map(normalizeRow) as T[],
    get: async <T>(sql: string, params: readonly SqlValue[] = []) => {
      const row = this.#statement(sql).get(...bind(params));
      return (row ? normalizeRow(row) : undefined) as T | undefined;
    },
    run: async (sql: string, params: readonly SqlValue[] = []) => {
      const result = this.#statement(sql).run(...bind(params));
      if (!this.#db.isTransaction) writes++;
      return { changes: Number(result.changes) };
    },
    exec: async (sql: string) => this.#db.exec(sql),
  };

  async #whenFree<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      release();
    }
  }

  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.#whenFree(() => withWriteLockFor(sql, () => this.#direct.all<T>(sql, params)));
  }
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.#whenFree(() => withWriteLockFor(sql, () => this.#direct.get<T>(sql, params)));
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    return this.#whenFree(() => withWriteLockFor(sql, () => this.#direct.run(sql, params)));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#whenFree(() => withWriteLock(() => this.#inTransaction(fn)));
  }

  async #inTransaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    this.#db.exec('BEGIN IMMEDIATE');
    try {
      const result = await fn(this.#direct);
      this.#db.exec('COMMIT');
      writes++;
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      throw error;
    }
  }

  exec(sql: string): Promise<void> {
    return this.#whenFree(() => withWriteLock(async () => this.#db.exec(sql)));
  }

  async ping(): Promise<boolean> {
    if (!this.#open) return false;
    try {
      await this.get('SELECT 1 AS ok');
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (!this.#open) return;
    await this.#whenFree(async () => {
      this.#open = false;
      this.#statements.clear();
      this.#db.close();
    });
  }
}

function bind(params: readonly SqlValue[]): Bindable[] {
  return params.map((value) => (typeof value === 'boolean' ? (value ? 1 : 0) : value));
}

const maxSafe = BigInt(Number.MAX_SAFE_INTEGER);
const minSafe = BigInt(Number.MIN_SAFE_INTEGER);

function normalizeRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const key in row) {
    const value = row[key];
    out[key] =
      typeof value === 'bigint'
        ? value <= maxSafe && value >= minSafe
          ? Number(value)
          : value.toString()
        : value;
  }
  return out;
}
