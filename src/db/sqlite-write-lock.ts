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

/** The lock's two slots: who holds it, and how many writers of other threads wait for it. */
const holderSlot = 0;
const waitersSlot = 1;

/** The lock of this process's threads, made on first use (the main thread's). */
export function sharedWriteLock(): SharedArrayBuffer {
  lock ??= new Int32Array(new SharedArrayBuffer(8));
  return lock.buffer as SharedArrayBuffer;
}

/** Takes part in the lock the main thread made (a job thread, before it opens the database). */
export function useWriteLock(buffer: SharedArrayBuffer): void {
  lock = new Int32Array(buffer);
}

const free = 0;
/** The lock holds the number of the thread holding it, plus one. */
const me = threadId + 1;
const noLock = () => {};

/**
 * Waits for the threads' write lock, when there is one, and gives back the function that lets
 * it go.
 */
export async function takeWriteLock(): Promise<() => void> {
  const shared = lock;
  if (!shared) return noLock;
  for (;;) {
    const holder = Atomics.compareExchange(shared, holderSlot, free, me);
    if (holder === free) break;
    const waiting = Atomics.waitAsync(shared, holderSlot, holder);
    if (!waiting.async) continue;
    Atomics.add(shared, waitersSlot, 1);
    try {
      await waiting.value;
    } finally {
      Atomics.sub(shared, waitersSlot, 1);
    }
  }
  return () => {
    Atomics.store(shared, holderSlot, free);
    Atomics.notify(shared, holderSlot, 1);
  };
}

/**
 * Whether a writer of another thread waits for the lock (sqlite.ts then commits sooner). A
 * thread stopped while it waited leaves its count behind: groups then commit at once, as
 * without grouping, which costs speed and nothing else.
 */
export function othersWaitForWriteLock(): boolean {
  return lock !== null && Atomics.load(lock, waitersSlot) > 0;
}

/** Runs `write` holding the threads' write lock, when there is one. */
export async function withWriteLock<T>(write: () => Promise<T>): Promise<T> {
  const release = await takeWriteLock();
  try {
    return await write();
  } finally {
    release();
  }
}

/**
 * Lets go of the lock if the thread `id` holds it: that thread stopped in the middle of a write
 * (its connection's transaction rolled back with it), and no other writer must wait for ever.
 */
export function releaseWriteLockOf(id: number): void {
  if (lock && Atomics.compareExchange(lock, holderSlot, id + 1, free) === id + 1) {
    Atomics.notify(lock, holderSlot);
  }
}

const reads = new Map<string, boolean>();

/** Whether the statement `sql` writes (remembered per statement text). */
export function isWriteStatement(sql: string): boolean {
  let read = reads.get(sql);
  if (read === undefined) {
    read = onlyReads(sql);
    if (reads.size > 2000) reads.clear();
    reads.set(sql, read);
  }
  return !read;
}

/** Whether `sql` only reads (a SELECT, or a WITH that ends in one). */
export function onlyReads(sql: string): boolean {
  const head = /^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase();
  if (head === 'SELECT' || head === 'EXPLAIN') return true;
  return head === 'WITH' && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
}
