import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliDatabase, runWoolly } from '../helpers/cli.ts';

test('woolly start refuses a bad --concurrency or an extra argument with its usage, exit 2', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  for (const value of ['0', '201', 'many']) {
    const run = await runWoolly(db, ['start', '--concurrency', value]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /--concurrency must be a whole number from 1 to 200/);
    assert.match(run.stderr, /Usage: woolly start \[--concurrency N\]/);
  }
  const extra = await runWoolly(db, ['start', 'now']);
  assert.equal(extra.code, 2);
  assert.match(extra.stderr, /unexpected argument "now"/);
  for (const value of ['17', 'many']) {
    const badThreads = await runWoolly(db, ['start'], { JOB_THREADS: value });
    assert.equal(badThreads.code, 1, badThreads.stderr);
    assert.match(badThreads.stderr, /JOB_THREADS: expected a whole number from 0 to 16, or auto/);
  }
});
