/**
 * A job thread stores jobs for the main thread (JOB_THREADS on SQLite, jobs/store-delegate.ts):
 * a real thread, started as `woolly start` starts it, stores what it is handed in the shared
 * database and answers with the jobs' ids; once the threads are closed, asking fails at once,
 * so that the main thread stores the jobs itself.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWoolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { startJobThreads, storeThroughThreads } from '../../src/job-threads.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { testConfig } from '../helpers/woolly.ts';

test('a job thread stores the jobs the main thread hands it', async (t) => {
  const db = await createTestDatabase('sqlite');
  const config = { ...testConfig(db), jobThreads: 1 };
  // The main thread's Woolly (migrations), taking no jobs itself.
  const mainLog = memoryLogger('debug');
  const main = await createWoolly(config, {
    log: mainLog,
    roles: { http: false, streaming: false, workers: false, scheduler: false },
  });
  const log = memoryLogger('warn');
  // The thread takes `pull` jobs only, so what it stores on `default` stays to be looked at.
  const threads = startJobThreads({
    config,
    workers: { queues: ['pull'] },
    log,
    onSignal: () => {},
  });
  t.after(async () => {
    await threads.close(5000);
    await main.close();
    await db.drop();
  });
  await threads.ready();

  const ids = await threads.stores.store('default', 'test.stored', [{ n: 1 }, { n: 2 }], {
    maxAttempts: 3,
    orderingKeys: ['k', undefined],
  });
  assert.equal(ids.length, 2);
  const rows = await main.deps.db.all<{
    id: unknown;
    queue: string;
    name: string;
    payload: string;
    max_attempts: number;
    ordering_key: string | null;
    state: string;
  }>('SELECT id, queue, name, payload, max_attempts, ordering_key, state FROM jobs ORDER BY id');
  assert.deepEqual(
    rows.map((r) => [
      String(r.id),
      r.queue,
      r.name,
      JSON.parse(r.payload),
      Number(r.max_attempts),
      r.ordering_key,
      r.state,
    ]),
    [
      [ids[0], 'default', 'test.stored', { n: 1 }, 3, 'k', 'waiting'],
      [ids[1], 'default', 'test.stored', { n: 2 }, 3, null, 'waiting'],
    ],
  );

  // The main thread's enqueues go to the thread, as `woolly start` wires them.
  storeThroughThreads(config, main.jobs, threads);
  const viaThread = await main.jobs.enqueue('default', 'test.stored', { n: 3 });
  const detours = () => mainLog.lines.filter((l) => l.includes('could not store jobs')).length;
  assert.equal(detours(), 0);

  await threads.close(5000);
  // Once the thread is gone, the main thread stores its jobs itself.
  const direct = await main.jobs.enqueue('default', 'test.stored', { n: 4 });
  assert.equal(detours(), 1);
  const stored = await main.deps.db.all<{ id: unknown }>(
    'SELECT id FROM jobs WHERE payload LIKE \'%"n":3%\' OR payload LIKE \'%"n":4%\' ORDER BY id',
  );
  assert.deepEqual(
    stored.map((r) => String(r.id)),
    [viaThread, direct],
  );
  await assert.rejects(threads.stores.store('default', 'test.stored', [{ n: 5 }], {}), {
    message: 'no job thread is running',
  });
  const errors = log.lines.filter(
    (line) => (JSON.parse(line) as { level: string }).level === 'error',
  );
  assert.deepEqual(errors, []);
});
