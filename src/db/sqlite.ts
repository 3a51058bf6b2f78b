/**
 * The embedded database: node:sqlite in WAL mode, one connection per process (per thread with
 * JOB_THREADS). Statements and transactions are serialized by an async lock so that interleaved
 * requests never share one; writers in different threads take turns through
 * sqlite-write-lock.ts.
 *
 * Group commit: the transactions of one turn of the event loop share one SQLite transaction,
 * each inside a savepoint of its own, and one COMMIT. A transaction that throws rolls back to
 * its savepoint and leaves the others as they were. Each caller's promise resolves only once
 * the COMMIT that holds its writes has happened, so a transaction is as durable when
 * `transaction` resolves as it was with a COMMIT of its own. A group commits when the event
 * loop has nothing left to run in this turn (`setImmediate`), or sooner once it holds 16
 * transactions, is 2 ms old or a writer of another thread waits for the lock. A write outside
 * a transaction joins a group as a transaction of one statement. What it saves: a busy
 * instance made several small commits per inbound activity, each writing again the pages (the
 * jobs table and its indexes, the search index) the one before had just written; grouped, the
 * server's CPU per inbound activity fell from 2.9 to 2.2 ms (docs/architecture.md, "Group
 * commit").
 *
 * A read outside a transaction that runs while a group is open sees the group's writes before
 * they are committed; if that COMMIT then fails (a full disk, an I/O error), every transaction
 * of the group fails with it, and the read saw writes that never happened.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database, Queryable, Row, SqlValue } from './database.ts';
import {
  isWriteStatement,
  othersWaitForWriteLock,
  takeWriteLock,
  withWriteLock,
} from './sqlite-write-lock.ts';

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

/** Transactions that have run and wait for the one COMMIT that makes them durable together. */
interface CommitGroup {
  startedAt: number;
  members: number;
  scheduled?: boolean;
  committed: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
  /** Lets go of the threads' write lock. */
  release: () => void;
}

const groupMaxMembers = 16;
const groupMaxMs = 2;

class SqliteDatabase implements Database {
  readonly dialect = 'sqlite' as const;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  #lock: Promise<void> = Promise.resolve();
  /** Calls waiting for the lock or holding it. */
  #queued = 0;
  #group: CommitGroup | null = null;
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
    this.#queued++;
    const previous = this.#lock;
    let release!: () => void;
    this.#lock = new Promise((resolve) => (release = resolve));
    await previous;
    try {
      return await fn();
    } finally {
      this.#queued--;
      this.#commitWhenDue();
      release();
    }
  }

  /**
   * Commits the open group once it is big or old enough or another thread waits to write;
   * otherwise, when nothing waits in line, at the end of this turn of the event loop, so that
   * the transactions the turn starts join it.
   */
  #commitWhenDue(): void {
    const group = this.#group;
    if (!group) return;
    const young =
      group.members < groupMaxMembers &&
      performance.now() - group.startedAt < groupMaxMs &&
      !othersWaitForWriteLock();
    if (!young) return this.#commit(group);
    if (this.#queued > 0 || group.scheduled) return;
    group.scheduled = true;
    setImmediate(() => {
      if (this.#group === group)
        void this.#whenFree(async () => {
          if (this.#group === group) this.#commit(group);
        });
    });
  }

  #commit(group: CommitGroup): void {
    this.#group = null;
    try {
      this.#db.exec('COMMIT');
      writes += group.members;
      group.resolve();
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
      group.reject(error);
    } finally {
      group.release();
    }
  }

  /** The open group, or a new one: the threads' write lock, then BEGIN IMMEDIATE. */
  async #openGroup(): Promise<CommitGroup> {
    if (this.#group) return this.#group;
    const release = await takeWriteLock();
    try {
      this.#db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      release();
      throw error;
    }
    let resolve!: () => void;
    let reject!: (error: unknown) => void;
    const committed = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Its members hear a failure; a group whose only member failed has nobody to tell.
    committed.catch(() => {});
    const group = { startedAt: performance.now(), members: 0, committed, resolve, reject, release };
    this.#group = group;
    return group;
  }

  /**
   * Runs `fn` in the open group (holding the lock), inside a savepoint of its own so that it
   * can roll back alone. Two cases need none (a savepoint costs about 10 us): a single
   * statement, which SQLite undoes by itself when it fails, and the group's first transaction,
   * whose failure rolls back a group that holds nothing else.
   */
  async #inGroup<T>(
    fn: (tx: Queryable) => Promise<T>,
    oneStatement: boolean,
  ): Promise<{ group: CommitGroup; result: T }> {
    const group = await this.#openGroup();
    const savepoint = !oneStatement && group.members > 0;
    if (savepoint) this.#db.exec('SAVEPOINT woolly_tx');
    try {
      const result = await fn(this.#direct);
      if (savepoint) this.#db.exec('RELEASE woolly_tx');
      group.members++;
      return { group, result };
    } catch (error) {
      if (this.#db.isTransaction && savepoint) {
        this.#db.exec('ROLLBACK TO woolly_tx');
        this.#db.exec('RELEASE woolly_tx');
      } else if (this.#db.isTransaction && oneStatement) {
        // The statement's own changes are already undone; the group goes on.
      } else if (this.#group === group) {
        // The group's first transaction failed (nothing else to keep), or SQLite rolled the
        // whole transaction back (a full disk, an I/O error) and the group's other transactions
        // went with it.
        if (this.#db.isTransaction) this.#db.exec('ROLLBACK');
        this.#group = null;
        group.release();
        group.reject(error);
      }
      throw error;
    }
  }

  // A read runs at once when nothing holds or waits for the connection (no transaction is
  // under way that it could land in), without the lock's promises: about a dozen reads per
  // inbound activity, and most API requests, take that path.
  all<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    if (isWriteStatement(sql)) return this.#grouped((tx) => tx.all<T>(sql, params), true);
    if (this.#queued === 0) return this.#direct.all<T>(sql, params);
    return this.#whenFree(() => this.#direct.all<T>(sql, params));
  }
  get<T = Row>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    if (isWriteStatement(sql)) return this.#grouped((tx) => tx.get<T>(sql, params), true);
    if (this.#queued === 0) return this.#direct.get<T>(sql, params);
    return this.#whenFree(() => this.#direct.get<T>(sql, params));
  }
  run(sql: string, params?: readonly SqlValue[]): Promise<{ changes: number }> {
    if (isWriteStatement(sql)) return this.#grouped((tx) => tx.run(sql, params), true);
    if (this.#queued === 0) return this.#direct.run(sql, params);
    return this.#whenFree(() => this.#direct.run(sql, params));
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#grouped(fn, false);
  }

  /** Runs `fn` in a group, resolving once the group's COMMIT has happened. */
  async #grouped<T>(fn: (tx: Queryable) => Promise<T>, oneStatement: boolean): Promise<T> {
    const { group, result } = await this.#whenFree(() => this.#inGroup(fn, oneStatement));
    await group.committed;
    return result;
  }

  /** Statements that may manage transactions themselves: after the open group commits. */
  exec(sql: string): Promise<void> {
    return this.#whenFree(async () => {
      if (this.#group) this.#commit(this.#group);
      await withWriteLock(async () => this.#db.exec(sql));
    });
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
      if (this.#group) this.#commit(this.#group);
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
