/**
 * PREPARED_STATEMENTS on PostgreSQL (db/postgres.ts): a statement run more than once is
 * prepared once per connection and then reused; with PREPARED_STATEMENTS=false nothing is
 * prepared (PgBouncer in transaction mode). Seen from PostgreSQL itself, in
 * `pg_prepared_statements` of the one session a pool of one connection uses. PostgreSQL only:
 * SQLite has no such thing to observe.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { buildConfig, parseEnvVars } from '../../src/config/load.ts';
import type { Database } from '../../src/db/database.ts';
import { openDatabase } from '../../src/db/open.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import { createTestDatabase } from '../helpers/databases.ts';

async function open(t: TestContext, env: Record<string, string> = {}): Promise<Database> {
  const tdb = await createTestDatabase('postgres', { empty: true });
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: tdb.url, SECRET_KEY_BASE: 'x'.repeat(64), DB_POOL: '1', ...env }),
    tdb.dataDir,
  );
  const db = openDatabase(config);
  t.after(async () => {
    await db.close();
    await tdb.drop();
  });
  await db.exec("CREATE TABLE t (id BIGINT PRIMARY KEY, name TEXT); INSERT INTO t VALUES (1, 'a')");
  return db;
}

/** The session's prepared statements (this query's own excepted), with how often each ran. */
async function prepared(db: Database): Promise<{ statement: string; runs: number }[]> {
  return db.all(
    `SELECT statement, generic_plans + custom_plans AS runs FROM pg_prepared_statements
     WHERE statement NOT LIKE '%pg_prepared_statements%' ORDER BY statement`,
  );
}

test('a statement run three times on one connection is prepared once and run twice from it', async (t) => {
  const db = await open(t);
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(await db.get('SELECT name FROM t WHERE id = ?', [1]), { name: 'a' });
  }
  // The first run was unnamed (a text seen once is not prepared), the next two reused one.
  assert.deepEqual(await prepared(db), [
    { statement: 'SELECT name FROM t WHERE id = $1', runs: 2 },
  ]);
});

test('with PREPARED_STATEMENTS=false nothing is prepared', async (t) => {
  const db = await open(t, { PREPARED_STATEMENTS: 'false' });
  for (let i = 0; i < 3; i++) {
    assert.deepEqual(await db.get('SELECT name FROM t WHERE id = ?', [1]), { name: 'a' });
    await db.transaction((tx) => tx.run('UPDATE t SET name = ? WHERE id = ?', ['a', 1]));
  }
  const all = await db.all('SELECT statement FROM pg_prepared_statements');
  assert.deepEqual(all, []);
});

test('DDL, BEGIN and COMMIT and several statements in one text stay unprepared; statements in transactions are', async (t) => {
  const db = await open(t);
  for (let i = 0; i < 2; i++) {
    await db.run('CREATE INDEX IF NOT EXISTS t_name ON t (name)');
    await db.exec('UPDATE t SET name = name; SELECT 1');
    await db.run('UPDATE t SET name = name; SELECT 1');
    await db.transaction((tx) => tx.run('UPDATE t SET name = ? WHERE id = ?', ['b', 1]));
  }
  assert.deepEqual(await prepared(db), [
    { statement: 'UPDATE t SET name = $1 WHERE id = $2', runs: 1 },
  ]);
});

test('a prepared SELECT * still answers after a column is added', async (t) => {
  const db = await open(t);
  const read = (q: Pick<Database, 'get'>) => q.get('SELECT * FROM t WHERE id = ?', [1]);
  await read(db);
  assert.deepEqual(await read(db), { id: 1, name: 'a' });
  await db.exec('ALTER TABLE t ADD COLUMN extra TEXT');
  // PostgreSQL refuses the stale plan ("cached plan must not change result type"); outside a
  // transaction the statement is prepared again and run again.
  assert.deepEqual(await read(db), { id: 1, name: 'a', extra: null });

  // Inside a transaction the refusal aborted it: it is thrown, and the next run prepares anew.
  await read(db);
  await db.exec('ALTER TABLE t DROP COLUMN extra');
  await assert.rejects(
    db.transaction((tx) => read(tx)),
    /cached plan must not change result type/,
  );
  assert.deepEqual(await db.transaction((tx) => read(tx)), { id: 1, name: 'a' });
});

test('past the limit, further texts run unnamed', async (t) => {
  const tdb = await createTestDatabase('postgres', { empty: true });
  const db = openPostgres({ url: tdb.url, pool: 1, preparedStatementLimit: 2 });
  t.after(async () => {
    await db.close();
    await tdb.drop();
  });
  for (let round = 0; round < 2; round++) {
    for (let n = 1; n <= 4; n++) {
      assert.deepEqual(await db.get(`SELECT ${n} AS n WHERE ? = 1`, [1]), { n });
    }
  }
  assert.deepEqual(
    (await prepared(db)).map((p) => p.statement),
    ['SELECT 1 AS n WHERE $1 = 1', 'SELECT 2 AS n WHERE $1 = 1'],
  );
});
