/**
 * The checkpoint thread (db/sqlite-checkpointer.ts): it starts once this thread writes often,
 * copies the pages committed to the write-ahead log into the database file without any writer
 * checkpointing, and stops once the writes have stopped for a while. SQLite only: PostgreSQL
 * checkpoints by itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { memoryLogger } from '../../src/core/logger.ts';
import { checkpointWhileBusy } from '../../src/db/sqlite-checkpointer.ts';
import { openSqlite } from '../../src/db/sqlite.ts';

async function until(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  assert.ok(condition(), what);
}

test('a busy writer gets a checkpoint thread, which copies its pages and stops when idle', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'woolly-checkpoint-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'woolly.db');
  const db = openSqlite(path);
  t.after(() => db.close());
  // The writer never checkpoints by itself here.
  await db.exec('PRAGMA wal_autocheckpoint = 0');
  await db.exec('CREATE TABLE t (body BLOB)');
  const log = memoryLogger('warn');
  const checkpoints = checkpointWhileBusy(path, log, {
    busyPerSecond: 100,
    sampleMs: 50,
    idleMs: 300,
    intervalMs: 20,
  });
  t.after(() => checkpoints.stop());

  // A few writes are not busy.
  for (let i = 0; i < 2; i++) await db.run('INSERT INTO t (body) VALUES (?)', [new Uint8Array(10)]);
  await new Promise((r) => setTimeout(r, 150));
  assert.equal(checkpoints.running(), false);

  // Many are: the thread starts, and the rows reach the database file.
  const size = () => statSync(path).size;
  assert.ok(size() < 100_000, `the rows are only in the log so far (${size()} bytes)`);
  for (let i = 0; i < 300; i++) {
    await db.run('INSERT INTO t (body) VALUES (?)', [new Uint8Array(10_000)]);
    if (i % 20 === 0) await new Promise((r) => setTimeout(r, 5));
  }
  await until(() => checkpoints.running(), 'the checkpoint thread started');
  await until(() => size() >= 3_000_000, `the database file holds the rows (${size()} bytes)`);

  // Idle: it stops.
  await until(() => !checkpoints.running(), 'the checkpoint thread stopped when idle');
  await checkpoints.stop();
  assert.deepEqual(log.lines, [], 'started and stopped without complaint');
  const [row] = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM t');
  assert.equal(row?.n, 302);
});
