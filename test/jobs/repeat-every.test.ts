/**
 * The drivers' repeated work (housekeeping, lock renewal, jobs/driver-common.ts): never two runs
 * at once, and a stop that waits for the run under way, so that a driver's `stop` never leaves
 * one going against a database about to close ("could not run job housekeeping: database is not
 * open" at shutdown).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { repeatEvery, type Repeating } from '../../src/jobs/driver-common.ts';
import type { Logger } from '../../src/core/logger.ts';

const errors: unknown[] = [];
const log = {
  error: (_message: string, fields?: Record<string, unknown>) => errors.push(fields?.error),
} as unknown as Logger;

test('stop waits for the run under way, and no run starts after it', async () => {
  const repeats: Repeating[] = [];
  const events: string[] = [];
  let runs = 0;
  repeatEvery(repeats, log, 10, 'work', async () => {
    runs += 1;
    events.push('start');
    await delay(80);
    events.push('end');
  });
  assert.equal(runs, 1, 'the first run starts at once');
  await delay(40);
  assert.equal(runs, 1, 'ticks during a run do not start another');
  await Promise.all(repeats.map((r) => r.stop()));
  events.push('stopped');
  assert.deepEqual(events, ['start', 'end', 'stopped']);
  await delay(40);
  assert.equal(runs, 1, 'nothing runs after stop');
});

test('a failing run is logged and the next tick runs again', async () => {
  const repeats: Repeating[] = [];
  errors.length = 0;
  let runs = 0;
  repeatEvery(repeats, log, 10, 'work', async () => {
    runs += 1;
    throw new Error(`failure ${runs}`);
  });
  await delay(50);
  await Promise.all(repeats.map((r) => r.stop()));
  assert.ok(runs >= 2, `ran ${runs} times`);
  assert.match(String(errors[0]), /failure 1/);
});
