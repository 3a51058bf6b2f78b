/**
 * `woolly announcements`: an admin creates, lists and deletes announcements from the command
 * line (SQLite only, few runs: each starts a process; publishing and unpublishing are the
 * same services, tested through the API on both databases).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliDatabase, runWoolly } from '../helpers/cli.ts';

test('woolly announcements create, list, delete', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  const created = await runWoolly(db, [
    'announcements',
    'create',
    '--text',
    'Maintenance tonight',
    '--starts-at',
    '2026-12-24T18:00:00Z',
    '--ends-at',
    '2026-12-24T20:00:00Z',
    '--publish',
  ]);
  assert.equal(created.code, 0, created.stderr);
  const id = created.lines[0]!.split(' ')[0]!;
  assert.match(
    created.lines[0]!,
    /^\d+ {2}published 2026-12-24T18:00:00.000Z..2026-12-24T20:00:00.000Z {2}"Maintenance tonight"$/,
  );
  const bad = await runWoolly(db, ['announcements', 'create', '--text', 'x', '--ends-at', 'soon']);
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /--ends-at must be a date/);
  assert.equal((await runWoolly(db, ['announcements', 'delete', id])).code, 0);
  const list = await runWoolly(db, ['announcements', 'list']);
  assert.equal(list.code, 0, list.stderr);
  assert.equal(list.stdout, '');
});
