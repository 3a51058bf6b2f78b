/**
 * JOB_THREADS=auto (the default): the main thread runs every worker, and one job thread more
 * starts while the main thread is saturated and jobs wait, and stops once none has waited for
 * a while. The watcher's decisions with scripted samples; the backlog it reads, on each
 * database and on Redis; and a real `woolly start` flooded with jobs that keep its event loop
 * busy.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createWoolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { autoJobThreadPossible, jobThreadWhileBusy } from '../../src/job-threads-on-demand.ts';
import { dueJobCount, redisDueJobCount } from '../../src/jobs/backlog.ts';
import { cliEnv } from '../helpers/cli.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { waitFor } from '../helpers/jobs.ts';
import { redisJobsCluster } from '../helpers/redis-jobs.ts';
import { forEachDatabase, startTestWoolly, testConfig } from '../helpers/woolly.ts';
import { freePort, spawnWoolly } from './cluster.ts';

interface Sample {
  utilisation: number;
  backlog: number;
}

/**
 * A watcher on `samples` (one per 10 ms; the last is repeated), with a fake thread that
 * records when it starts (the number of samples read by then) and when it is closed.
 */
function scripted(
  t: TestContext,
  samples: Sample[] | (() => Sample),
  options: { cores?: number; idleMs?: number } = {},
) {
  let read = 0;
  const next = Array.isArray(samples)
    ? () => samples[Math.min(read, samples.length - 1)]!
    : samples;
  let current: Sample = { utilisation: 0, backlog: 0 };
  const events: string[] = [];
  const backlogReads: number[] = [];
  const log = memoryLogger('info');
  const watcher = jobThreadWhileBusy({
    startThread: () => {
      events.push(`start@${read}`);
      return {
        close: async (timeoutMs) => {
          events.push(`close(${timeoutMs})`);
        },
      };
    },
    utilisation: () => {
      current = next();
      read += 1;
      return current.utilisation;
    },
    backlog: async () => {
      backlogReads.push(read);
      return current.backlog;
    },
    log,
    drainTimeoutMs: 1234,
    cores: options.cores ?? 4,
    sampleMs: 10,
    idleMs: options.idleMs ?? 100,
  });
  t.after(() => watcher.stop());
  return { watcher, events, log, backlogReads, reads: () => read };
}

const busy = { utilisation: 0.9, backlog: 150 };
const quiet = { utilisation: 0.1, backlog: 0 };

test('the thread starts after two samples in a row with a busy loop and a backlog', async (t) => {
  const { watcher, events, log, backlogReads } = scripted(t, [
    quiet,
    busy,
    // Busy loop, too few jobs; many jobs, quiet loop: neither counts.
    { utilisation: 0.95, backlog: 99 },
    busy,
    { utilisation: 0.69, backlog: 200 },
    busy,
    busy,
    quiet,
  ]);
  await waitFor(() => watcher.running());
  assert.deepEqual(events, ['start@7']);
  // An idle loop with no thread running reads no backlog.
  assert.ok(!backlogReads.includes(1), `backlog read at ${backlogReads}`);
  assert.ok(!backlogReads.includes(5), `backlog read at ${backlogReads}`);
  const started = log.lines.map((l) => JSON.parse(l)).find((l) => /started/.test(l.message));
  assert.equal(started.message, 'a job thread started: the main thread is busy and 150 jobs wait');
  assert.equal(started.due_jobs, 150);
  assert.equal(started.event_loop_utilisation, 0.9);
});

test('no thread on one core, however busy', async (t) => {
  const { watcher, events, reads } = scripted(t, [busy], { cores: 1 });
  await new Promise((resolve) => setTimeout(resolve, 100));
  assert.equal(watcher.running(), false);
  assert.deepEqual(events, []);
  assert.equal(reads(), 0, 'nothing is even read');
});

test('the thread stops once no job has been due for idleMs, and starts again later', async (t) => {
  let phase: Sample = busy;
  const { watcher, events, log } = scripted(t, () => phase, { idleMs: 100 });
  await waitFor(() => watcher.running());
  // A few jobs still due, with a quiet loop: the thread keeps running.
  phase = { utilisation: 0.2, backlog: 3 };
  await new Promise((resolve) => setTimeout(resolve, 250));
  assert.equal(watcher.running(), true);
  // None due: it closes, letting its running jobs finish, after about idleMs.
  phase = quiet;
  const idleSince = Date.now();
  await waitFor(() => !watcher.running());
  assert.ok(Date.now() - idleSince >= 90, `closed after ${Date.now() - idleSince} ms`);
  assert.deepEqual(events.slice(1), ['close(1234)']);
  await waitFor(() =>
    log.lines.some((l) => JSON.parse(l).message.startsWith('the job thread stopped')),
  );
  // Busy again: another thread.
  phase = busy;
  await waitFor(() => watcher.running());
  assert.equal(events.length, 3);
  assert.match(events[2]!, /^start@/);
  // Stopping the watcher closes it.
  await watcher.stop();
  assert.equal(watcher.running(), false);
  assert.deepEqual(events.slice(3), ['close(1234)']);
});

test('auto is possible with two cores and a database file, not on one core or in memory', async () => {
  const db = await createTestDatabase('sqlite');
  try {
    const config = testConfig(db);
    assert.equal(config.jobThreads, 'auto', 'the default');
    assert.equal(autoJobThreadPossible(config, 2), true);
    assert.equal(autoJobThreadPossible(config, 1), false);
    assert.equal(autoJobThreadPossible({ ...config, jobThreads: 0 }, 8), false);
    const memory = { ...config, database: { kind: 'sqlite' as const, path: ':memory:' } };
    assert.equal(autoJobThreadPossible(memory, 8), false);
  } finally {
    await db.drop();
  }
});

forEachDatabase((kind) => {
  test('the backlog counts the due waiting jobs of the given queues, up to its bound', async (t) => {
    const w = await startTestWoolly(t, kind);
    await w.jobs.enqueueMany('ingress', 'x', [1, 2, 3, 4, 5]);
    await w.jobs.enqueueMany('push', 'x', [1, 2]);
    await w.jobs.enqueue('ingress', 'x', 6, { delayMs: 60_000 });
    const [running] = await w.jobs.enqueueMany('ingress', 'x', [7, 8]);
    await w.deps.db.run(`UPDATE jobs SET state = 'running' WHERE id = ?`, [running!]);
    const now = w.clock.now();

    assert.equal(await dueJobCount(w.deps.db, ['ingress'], now), 6);
    assert.equal(await dueJobCount(w.deps.db, ['ingress', 'push'], now), 8);
    assert.equal(await dueJobCount(w.deps.db, ['default'], now), 0);
    assert.equal(await dueJobCount(w.deps.db, [], now), 0);
    assert.equal(await dueJobCount(w.deps.db, ['ingress', 'push'], now, 4), 4);
    // The delayed one once it is due.
    assert.equal(await dueJobCount(w.deps.db, ['ingress'], now + 60_000), 7);
  });
});

test('the backlog on Redis counts the due waiting jobs of the given queues, up to its bound', async (t) => {
  const jobs = redisJobsCluster(t).runtime();
  await jobs.enqueueMany('ingress', 'x', [1, 2, 3]);
  await jobs.enqueue('push', 'x', 4);
  await jobs.enqueue('ingress', 'x', 5, { delayMs: 60_000 });
  assert.equal(await redisDueJobCount(jobs, ['ingress']), 3);
  assert.equal(await redisDueJobCount(jobs, ['ingress', 'push']), 4);
  assert.equal(await redisDueJobCount(jobs, ['ingress', 'push'], 2), 2);
  assert.equal(await redisDueJobCount(jobs, ['default']), 0);
});

test('woolly start (JOB_THREADS=auto by default) starts a job thread while flooded, then stops it', async (t) => {
  const db = await createTestDatabase('sqlite');
  const port = await freePort();
  const env = { LOCAL_DOMAIN: `127.0.0.1:${port}`, LOCAL_HTTPS: 'false', BIND: '127.0.0.1' };
  // WOOLLY_TEST_JOBS: samples four times a second, the thread stops after 2 s without a job.
  const woolly = spawnWoolly(
    'start',
    ['start'],
    cliEnv(db, { ...env, PORT: String(port), WOOLLY_TEST_JOBS: '1' }),
    db.dataDir,
  );
  const client = await createWoolly(testConfig(db, env), {
    log: memoryLogger('warn'),
    roles: { http: false, streaming: false, workers: false, scheduler: false },
  });
  t.after(async () => {
    await woolly.kill9();
    await client.close();
    await db.drop();
  });
  const listening = await woolly.line(/Woolly is listening/);
  assert.equal(listening.job_threads, 'auto');
  assert.equal(listening.thread_queues, 'all');

  // Jobs that keep the event loop busy, more than the main thread runs in the first seconds.
  await client.jobs.enqueueMany(
    'default',
    'test.sleep',
    Array.from({ length: 300 }, () => ({ ms: 20, busy: true, tag: 'flood' })),
  );
  const started = await woolly.line(/^a job thread started/, 10_000);
  assert.ok(Number(started.due_jobs) >= 100, JSON.stringify(started));
  assert.ok(Number(started.event_loop_utilisation) >= 0.7, JSON.stringify(started));
  const inThread = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'flood' && l.thread === 1,
    10_000,
  );
  assert.ok(inThread);
  // The main thread kept its workers meanwhile.
  assert.ok(
    woolly.lines.some(
      (l) => l.message === 'test job started' && l.tag === 'flood' && l.thread === undefined,
    ),
  );

  await woolly.line(/^the job thread stopped/, 15_000);
  const finished = woolly.lines.filter((l) => l.message === 'test job finished');
  assert.equal(finished.length, 300);
  // Nothing went wrong meanwhile (the one warning of a fresh instance is its setup link).
  assert.deepEqual(
    woolly.lines.filter(
      (l) => l.level === 'error' || (l.level === 'warn' && !/No account exists/.test(l.message)),
    ),
    [],
  );
  assert.equal(await woolly.stop(), 0);
});
