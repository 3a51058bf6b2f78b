import assert from 'node:assert/strict';
import { test } from 'node:test';
import { getSettings } from '../../src/domain/instance/settings.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { forEachDatabase } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('settings registrations sets who may sign up (close is Mastodon\u2019s none)', async (t) => {
    const db = await cliDatabase(t, kind);
    const w = await inspect(t, db);
    for (const [word, mode] of [
      ['approved', 'approved'],
      ['close', 'none'],
      ['open', 'open'],
    ] as const) {
      const run = await runWoolly(db, ['settings', 'registrations', word]);
      assert.equal(run.code, 0, run.stderr);
      assert.deepEqual(run.lines, ['OK']);
      assert.equal((await getSettings(w.deps)).registrations_mode, mode);
    }
  });

  test('settings refuses what it does not know', async (t) => {
    const db = await cliDatabase(t, kind);
    const value = await runWoolly(db, ['settings', 'registrations', 'none']);
    assert.equal(value.code, 2);
    assert.match(value.stderr, /registrations must be open, approved or close, not "none"/);
    const missing = await runWoolly(db, ['settings', 'registrations']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing open\|approved\|close/);
    const setting = await runWoolly(db, ['settings', 'theme', 'dark']);
    assert.equal(setting.code, 2);
    assert.match(setting.stderr, /unknown setting "theme"/);
  });
});
