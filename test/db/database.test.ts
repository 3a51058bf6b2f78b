import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createTestDatabase } from '../helpers/databases.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { openDatabase } from '../../src/db/open.ts';
import { migrate, migrationStatus } from '../../src/db/migrate.ts';
import { isUniqueViolation } from '../../src/db/database.ts';
import { toPostgresPlaceholders } from '../../src/db/postgres.ts';
import { parseEnvVars, buildConfig } from '../../src/config/load.ts';

async function open(t: TestContext, kind: 'sqlite' | 'postgres') {
  const tdb = await createTestDatabase(kind, { empty: true });
  const config = buildConfig(
    parseEnvVars({ DATABASE_URL: tdb.url, SECRET_KEY_BASE: 'x'.repeat(64) }),
    tdb.dataDir,
  );
  const db = openDatabase(config);
  t.after(async () => {
    await db.close();
    await tdb.drop();
  });
  return db;
}

test('placeholders become $n outside quoted text', () => {
  assert.equal(
    toPostgresPlaceholders('SELECT ? , \'?\' , "a?" , ?'),
    'SELECT $1 , \'?\' , "a?" , $2',
  );
});

forEachDatabase((kind) => {
  test('migrations apply once and report their status', async (t) => {
    const db = await open(t, kind);
    const first = await migrate(db);
    assert.ok(first.length >= 1);
    assert.deepEqual(await migrate(db), []);
    const status = await migrationStatus(db);
    assert.ok(status.every((m) => m.appliedAt !== null));
  });

  test('large integers come back as exact strings, small ones as numbers, the same on both', async (t) => {
    const db = await open(t, kind);
    await db.exec('CREATE TABLE t (id BIGINT PRIMARY KEY, n BIGINT, flag BOOLEAN)');
    await db.run('INSERT INTO t (id, n, flag) VALUES (?, ?, ?)', ['114412309823160321', 42, true]);
    const row = await db.get<{ id: unknown; n: unknown; flag: unknown }>(
      'SELECT * FROM t WHERE id = ?',
      ['114412309823160321'],
    );
    assert.equal(row?.id, '114412309823160321');
    assert.equal(row?.n, 42);
    assert.equal(Boolean(row?.flag), true);
  });

  test('a transaction that throws leaves nothing behind', async (t) => {
    const db = await open(t, kind);
    await db.exec('CREATE TABLE t (id BIGINT PRIMARY KEY)');
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.run('INSERT INTO t (id) VALUES (?)', [1]);
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal((await db.all('SELECT * FROM t')).length, 0);
  });

  test('unique violations are recognised', async (t) => {
    const db = await open(t, kind);
    await db.exec('CREATE TABLE t (id BIGINT PRIMARY KEY)');
    await db.run('INSERT INTO t (id) VALUES (?)', [1]);
    const error = await db.run('INSERT INTO t (id) VALUES (?)', [1]).catch((e: unknown) => e);
    assert.ok(isUniqueViolation(error));
  });

  test('concurrent transactions do not interleave', async (t) => {
    const db = await open(t, kind);
    await db.exec('CREATE TABLE c (name TEXT PRIMARY KEY, v BIGINT NOT NULL)');
    await db.run("INSERT INTO c (name, v) VALUES ('x', 0)");
    await Promise.all(
      Array.from({ length: 20 }, () =>
        db.transaction(async (tx) => {
          const row = await tx.get<{ v: number }>(
            `SELECT v FROM c WHERE name = 'x'${kind === 'postgres' ? ' FOR UPDATE' : ''}`,
          );
          await tx.run("UPDATE c SET v = ? WHERE name = 'x'", [Number(row!.v) + 1]);
        }),
      ),
    );
    assert.equal((await db.get<{ v: number }>("SELECT v FROM c WHERE name = 'x'"))?.v, 20);
  });
});
