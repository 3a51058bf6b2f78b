/**
 * One writer at a time across the threads of a process (JOB_THREADS) on the SQLite file, handed
 * over at once instead of through SQLite's busy handler.
 *
 * SQLite lets one connection write at a time. When a second connection wants to write, its busy
 * handler sleeps and tries again (1, 2, 5, 10, 15, 20, 25, 50, 100 ms... up to busy_timeout), so
 * with the main thread accepting activities and a job thread storing them, each side kept
 * sleeping milliseconds while the other had long finished: two threads were slower than one.
 * Here a write (a transaction, or a statement that writes outside one) first takes a lock in
 * memory shared by every thread (a SharedArrayBuffer; `Atomics.waitAsync` wakes the next
 * writer the moment the lock is let go, without blocking its event loop). Reads do not take it
 * (WAL readers never wait for the writer).
 *
 * The main thread makes the lock (`sharedWriteLock`) before it starts the job threads and hands
 * it to them (`useWriteLock`); a process without job threads has none and pays nothing. Other
 * processes on the same file (a CLI command) still meet the busy handler.
 */
import { threadId } from 'node:worker_threads';

let lock: Int32Array | null = null;

/** The lock of this process's threads, made on first use (the main thread's). */
export function sharedWriteLock(): SharedArrayBuffer {
  lock ??= new Int32Array(new SharedArrayBuffer(4));
  return lock.buffer as SharedArrayBuffer;
}

/** Takes part in the lock the main thread made (a job thread, before it opens the database). */
export function useWriteLock(buffer: SharedArrayBuffer): void {
  lock = new Int32Array(buffer);
}

const free = 0;
/** The lock holds the number of the thread holding it, plus one. */
const me = threadId + 1;

/** Runs `write` holding the threads' write lock, when there is one. */
export async function withWriteLock<T>(write: () => Promise<T>): Promise<T> {
  const shared = lock;
  if (!shared) return write();
  for (;;) {
    const holder = Atomics.compareExchange(shared, 0, free, me);
    if (holder === free) break;
    const waiting = Atomics.waitAsync(shared, 0, holder);
    if (waiting.async) await waiting.value;
  }
  try {
    return await write();
  } finally {
    Atomics.store(shared, 0, free);
    Atomics.notify(shared, 0, 1);
  }
}

/**
 * Lets go of the lock if the thread `id` holds it: that thread stopped in the middle of a write
 * (its connection's transaction rolled back with it), and no other writer must wait for ever.
 */
export function releaseWriteLockOf(id: number): void {
  if (lock && Atomics.compareExchange(lock, 0, id + 1, free) === id + 1) Atomics.notify(lock, 0);
}

const reads = new Map<string, boolean>();

/** Runs the statement `sql` (outside a transaction), holding the lock if it writes. */
export function withWriteLockFor<T>(sql: string, statement: () => Promise<T>): Promise<T> {
  if (!lock) return statement();
  let read = reads.get(sql);
  if (read === undefined) {
    read = onlyReads(sql);
    if (reads.size > 2000) reads.clear();
    reads.set(sql, read);
  }
  return read ? statement() : withWriteLock(statement);
}

/** Whether `sql` only reads (a SELECT, or a WITH that ends in one). */
export function onlyReads(sql: string): boolean {
  const head = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  if (head === 'SELECT' || head === 'EXPLAIN') return true;
  return head === 'WITH' && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
}
