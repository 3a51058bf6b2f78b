/**
 * The checkpoint thread (db/sqlite-checkpointer.ts): pages committed to the write-ahead log
 * reach the database file without any writer checkpointing, and stopping ends the thread.
 * SQLite only: PostgreSQL checkpoints by itself.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { memoryLogger } from '../../src/core/logger.ts';
import { startCheckpointer } from '../../src/db/sqlite-checkpointer.ts';
import { openSqlite } from '../../src/db/sqlite.ts';

test('committed pages reach the database file from the checkpoint thread', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'woolly-checkpoint-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'woolly.db');
  const db = openSqlite(path);
  t.after(() => db.close());
  // The writer never checkpoints by itself here.
  await db.exec('PRAGMA wal_autocheckpoint = 0');
  await db.exec('CREATE TABLE t (body BLOB)');
  await db.transaction(async (tx) => {
    for (let i = 0; i < 2000; i++)
      await tx.run('INSERT INTO t (body) VALUES (?)', [new Uint8Array(1000)]);
  });
  const size = () => statSync(path).size;
  assert.ok(size() < 100_000, `the rows are only in the log so far (${size()} bytes)`);

  const log = memoryLogger('warn');
  const checkpoints = startCheckpointer(path, log, 20);
  const deadline = Date.now() + 5000;
  while (size() < 2_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  assert.ok(size() >= 2_000_000, `the database file holds the rows (${size()} bytes)`);
  await checkpoints.stop();
  assert.deepEqual(log.lines, [], 'stopped without complaint');
  const [row] = await db.all<{ n: number }>('SELECT COUNT(*) AS n FROM t');
  assert.equal(row?.n, 2000);
});
