/**
 * Migrations may differ per database: a file exports one `sql` for both, or `sqlite` and
 * `postgres`; the search index is an FTS5 table on SQLite and a tsvector column on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationSql } from '../../src/db/migrate.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

test('a migration exports one sql for both databases, or one for each', () => {
  assert.deepEqual(migrationSql('0001_a.ts', { sql: 'X' }), { sqlite: 'X', postgres: 'X' });
  assert.deepEqual(migrationSql('0002_b.ts', { sqlite: 'S', postgres: 'P' }), {
    sqlite: 'S',
    postgres: 'P',
  });
  assert.throws(() => migrationSql('0003_c.ts', { sqlite: 'S' }), /0003_c\.ts exports neither/);
});

forEachDatabase((kind) => {
  test('the search index is built with what this database has', async (t) => {
    const w = await startTestWoolly(t, kind);
    if (kind === 'sqlite') {
      const row = await w.deps.db.get<{ sql: string }>(
        "SELECT sql FROM sqlite_master WHERE name = 'status_search'",
      );
      assert.match(row?.sql ?? '', /USING fts5/i);
    } else {
      const row = await w.deps.db.get<{ data_type: string }>(
        `SELECT data_type FROM information_schema.columns
          WHERE table_name = 'status_search' AND column_name = 'body'`,
      );
      assert.equal(row?.data_type, 'tsvector');
    }
  });
});
