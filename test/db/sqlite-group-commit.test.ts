/**
 * Group commit on SQLite (src/db/sqlite.ts): transactions of one turn of the event loop share
 * a COMMIT, yet each is all-or-nothing on its own and durable when its promise resolves. A
 * second connection to the same file plays another process: it sees only what is committed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { test, type TestContext } from 'node:test';
import { openSqlite } from '../../src/db/sqlite.ts';
import type { Database } from '../../src/db/database.ts';

async function open(t: TestContext): Promise<{ db: Database; other: DatabaseSync }> {
  const dir = mkdtempSync(join(tmpdir(), 'woolly-group-'));
  const path = join(dir, 'woolly.db');
  const db = openSqlite(path);
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)');
  const other = new DatabaseSync(path);
  t.after(async () => {
    other.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return { db, other };
}

const committed = (other: DatabaseSync) =>
  (other.prepare('SELECT who FROM t ORDER BY id').all() as { who: string }[]).map((r) => r.who);

test('transactions started in one turn share a commit, and each resolves only after it', async (t) => {
  const { db, other } = await open(t);
  let seenByOtherDuringSecond: string[] | null = null;
  const first = db.transaction((tx) => tx.run("INSERT INTO t (who) VALUES ('first')"));
  const second = db.transaction(async (tx) => {
    // The first has run, but its commit waits for the group: another connection sees nothing.
    seenByOtherDuringSecond = committed(other);
    await tx.run("INSERT INTO t (who) VALUES ('second')");
  });
  await first;
  // Resolved means committed: another connection sees it at once.
  assert.deepEqual(committed(other), ['first', 'second']);
  await second;
  assert.deepEqual(seenByOtherDuringSecond, [], 'both were in one group');
});

test('a transaction that throws rolls back alone; the rest of its group commits', async (t) => {
  const { db, other } = await open(t);
  const results = await Promise.allSettled([
    db.transaction((tx) => tx.run("INSERT INTO t (who) VALUES ('a')")),
    db.transaction(async (tx) => {
      await tx.run("INSERT INTO t (who) VALUES ('failed')");
      throw new Error('changed my mind');
    }),
    db.transaction(async (tx) => {
      await tx.run("INSERT INTO t (who) VALUES ('b')");
      // A failing statement inside a transaction: only this transaction's writes go.
      await tx.run('INSERT INTO t (id, who) VALUES (1, ?)', ['duplicate id']);
    }),
    db.transaction((tx) => tx.run("INSERT INTO t (who) VALUES ('c')")),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['fulfilled', 'rejected', 'rejected', 'fulfilled'],
  );
  assert.match(String((results[1] as PromiseRejectedResult).reason), /changed my mind/);
  assert.match(String((results[2] as PromiseRejectedResult).reason), /UNIQUE/);
  assert.deepEqual(committed(other), ['a', 'c']);
});

test("the group's first transaction failing leaves those after it to commit", async (t) => {
  const { db, other } = await open(t);
  const results = await Promise.allSettled([
    db.transaction(async (tx) => {
      await tx.run("INSERT INTO t (who) VALUES ('first, failed')");
      throw new Error('first fails');
    }),
    db.transaction((tx) => tx.run("INSERT INTO t (who) VALUES ('second')")),
    db.run("INSERT INTO t (who) VALUES ('third')"),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'fulfilled', 'fulfilled'],
  );
  assert.deepEqual(committed(other), ['second', 'third']);
});

test('a single statement that fails is undone alone, first in its group or not', async (t) => {
  const { db, other } = await open(t);
  await db.run("INSERT INTO t (id, who) VALUES (1, 'one')");
  const results = await Promise.allSettled([
    db.run("INSERT INTO t (id, who) VALUES (1, 'duplicate, first')"),
    db.transaction(async (tx) => {
      await tx.run("INSERT INTO t (who) VALUES ('a')");
      await tx.run("INSERT INTO t (who) VALUES ('b')");
    }),
    db.run("INSERT INTO t (id, who) VALUES (1, 'duplicate, later')"),
    db.get("INSERT INTO t (who) VALUES ('c') RETURNING id"),
  ]);
  assert.deepEqual(
    results.map((r) => r.status),
    ['rejected', 'fulfilled', 'rejected', 'fulfilled'],
  );
  assert.deepEqual(committed(other), ['one', 'a', 'b', 'c']);
});

test('a write outside a transaction is committed when it resolves; reads see their own writes', async (t) => {
  const { db, other } = await open(t);
  const write = db.run("INSERT INTO t (who) VALUES ('alone')");
  const returning = db.get<{ id: number }>("INSERT INTO t (who) VALUES ('returned') RETURNING id");
  await write;
  assert.ok(committed(other).includes('alone'));
  assert.equal((await returning)?.id, 2);
  assert.deepEqual(committed(other), ['alone', 'returned']);
  const rows = await db.all<{ who: string }>('SELECT who FROM t ORDER BY id');
  assert.deepEqual(
    rows.map((r) => r.who),
    ['alone', 'returned'],
  );
});

test('many concurrent transactions all commit, in the order they were started', async (t) => {
  const { db, other } = await open(t);
  const names = Array.from({ length: 100 }, (_, i) => `w${i}`);
  await Promise.all(
    names.map((name) =>
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (who) VALUES (?)', [name]);
        await new Promise((resolve) => setImmediate(resolve));
      }),
    ),
  );
  assert.deepEqual(committed(other), names);
});

test('closing commits the open group first', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'woolly-group-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, 'woolly.db');
  const db = openSqlite(path);
  await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT)');
  const write = db.run("INSERT INTO t (who) VALUES ('before close')");
  await db.close();
  await write;
  const other = new DatabaseSync(path);
  t.after(() => other.close());
  assert.deepEqual(committed(other), ['before close']);
});
