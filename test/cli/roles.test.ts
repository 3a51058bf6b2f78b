/**
 * The role commands' command lines: wrong queue names or concurrency are usage errors (exit 2)
 * before anything starts, and the test-only jobs switch is refused in production.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cliDatabase, runWoolly } from '../helpers/cli.ts';

test('woolly worker, web, streaming and scheduler refuse bad command lines', async (t) => {
  const db = await cliDatabase(t, 'sqlite');
  const unknownQueue = await runWoolly(db, ['worker', '--queues', 'default,nope']);
  assert.equal(unknownQueue.code, 2);
  assert.match(unknownQueue.stderr, /^woolly worker: unknown queue "nope" \(queues: default, push/);
  const zero = await runWoolly(db, ['worker', '--concurrency', '0']);
  assert.equal(zero.code, 2);
  assert.match(zero.stderr, /--concurrency must be a whole number from 1 to 200/);
  const empty = await runWoolly(db, ['worker', '--queues', ',']);
  assert.match(empty.stderr, /--queues needs at least one queue name/);
  assert.equal((await runWoolly(db, ['web', '--workers'])).code, 2);
  assert.equal((await runWoolly(db, ['streaming', 'extra'])).code, 2);

  const production = await runWoolly(db, ['scheduler'], {
    NODE_ENV: 'production',
    WOOLLY_TEST_JOBS: '1',
  });
  assert.equal(production.code, 1);
  assert.match(production.stderr, /WOOLLY_TEST_JOBS: refused when NODE_ENV=production/);
});
