/**
 * The write lock of the threads that share a SQLite file (JOB_THREADS): a writer waits for
 * the other thread's transaction without blocking its event loop (SQLite's busy handler would
 * sleep in it), goes on the moment that transaction ends, and is not left waiting for ever by
 * a thread that stopped while holding the lock. SQLite only: PostgreSQL has its own locks.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { openSqlite } from '../../src/db/sqlite.ts';
import { onlyReads, releaseWriteLockOf, sharedWriteLock } from '../../src/db/sqlite-write-lock.ts';

const threadScript = new URL('../helpers/write-lock-thread.ts', import.meta.url);

function database(t: { after(fn: () => void): void }) {
  const dir = mkdtempSync(join(tmpdir(), 'woolly-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'woolly.db');
}

function holder(path: string, holdMs: number, die = false) {
  const worker = new Worker(threadScript, {
    workerData: { path, lock: sharedWriteLock(), holdMs, die },
  });
  const message = (expected: string) =>
    new Promise<void>((resolve, reject) => {
      worker.on('message', (m) => m === expected && resolve());
      worker.on('error', reject);
    });
  return { worker, holding: message('holding'), exited: new Promise((r) => worker.on('exit', r)) };
}

test("a write waits for the other thread's transaction with its event loop free", async (t) => {
  const path = database(t);
  const db = openSqlite(path);
  t.after(() => db.close());
  await db.exec('CREATE TABLE t (who TEXT)');
  const thread = holder(path, 300);
  await thread.holding;
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const started = performance.now();
  await db.run("INSERT INTO t (who) VALUES ('main')");
  clearInterval(timer);
  assert.ok(performance.now() - started >= 200, 'the write waited for the transaction');
  assert.ok(ticks >= 10, `the event loop ran while it waited (${ticks} ticks)`);
  // Reads never wait for the writer.
  assert.deepEqual(
    (await db.all<{ who: string }>('SELECT who FROM t ORDER BY who')).map((r) => r.who),
    ['main', 'thread'],
  );
  await thread.exited;
});

test('a thread that stops while holding the lock does not hold up the others', async (t) => {
  const path = database(t);
  const db = openSqlite(path);
  t.after(() => db.close());
  await db.exec('CREATE TABLE t (who TEXT)');
  const thread = holder(path, 50, true);
  await thread.holding;
  const id = thread.worker.threadId;
  await thread.exited;
  releaseWriteLockOf(id);
  await db.transaction((tx) => tx.run("INSERT INTO t (who) VALUES ('main')"));
  assert.deepEqual(
    (await db.all<{ who: string }>('SELECT who FROM t')).map((r) => r.who),
    ['main'],
    "the stopped thread's transaction rolled back",
  );
});

test('only statements that write take the lock', () => {
  assert.equal(onlyReads('SELECT * FROM jobs'), true);
  assert.equal(onlyReads('  with x AS (SELECT 1) SELECT * FROM x'), true);
  assert.equal(
    onlyReads('WITH x AS (SELECT 1) DELETE FROM jobs WHERE id IN (SELECT * FROM x)'),
    false,
  );
  assert.equal(onlyReads("UPDATE jobs SET state = 'running' RETURNING id"), false);
  assert.equal(onlyReads('INSERT INTO kv (key) VALUES (?)'), false);
  assert.equal(onlyReads('PRAGMA wal_checkpoint(TRUNCATE)'), false);
});
