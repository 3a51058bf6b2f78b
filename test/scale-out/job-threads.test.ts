/**
 * JOB_THREADS on the embedded shape: one `woolly start` process whose jobs run in threads of
 * their own, on SQLite and without Redis. A job runs in a thread (its log line says which), a
 * notification made by a thread's job reaches a stream the main thread holds, the recurring
 * jobs are scheduled once, and SIGTERM lets a thread's running job finish before exiting 0.
 * With JOB_THREAD_QUEUES the threads take those queues and the main thread the others. With
 * JOB_THREADS=auto the jobs run in the main thread until the queues fall behind, then in a
 * thread until they are quiet again.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { WebSocket } from 'ws';
import { createWoolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { splitWorkers } from '../../src/job-threads.ts';
import { cliEnv } from '../helpers/cli.ts';
import { createTestDatabase } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { testConfig } from '../helpers/woolly.ts';
import { freePort, spawnWoolly } from './cluster.ts';

/**
 * A `woolly start` with test jobs and `threads` (JOB_THREADS and what else is given) on a fresh
 * SQLite database, and a Woolly without roles on the same database to enqueue jobs and make
 * accounts; both stopped after the test.
 */
async function startThreaded(t: TestContext, threads: Record<string, string>) {
  const db = await createTestDatabase('sqlite');
  const port = await freePort();
  const env = { LOCAL_DOMAIN: `127.0.0.1:${port}`, LOCAL_HTTPS: 'false', BIND: '127.0.0.1' };
  const woolly = spawnWoolly(
    'start',
    ['start'],
    cliEnv(db, { ...env, PORT: String(port), WOOLLY_TEST_JOBS: '1', ...threads }),
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
  return { woolly, client, port };
}

/**
 * Keeps `woolly`'s queue busy (150 jobs that each hold the event loop 40 ms, well over the
 * backlog the tests set for JOB_THREADS=auto) until it says its workers moved into a thread.
 */
async function busyUntilThreaded(
  woolly: Awaited<ReturnType<typeof startThreaded>>['woolly'],
  client: Awaited<ReturnType<typeof startThreaded>>['client'],
) {
  await client.jobs.enqueueMany(
    'default',
    'test.spin',
    Array.from({ length: 150 }, (_, i) => ({ ms: 40, tag: `spin ${i}` })),
  );
  await woolly.line(/the job queues are busy/, 20_000);
}

test('woolly start with JOB_THREADS=2 runs its jobs in threads and streams what they signal', async (t) => {
  const { woolly, client, port } = await startThreaded(t, { JOB_THREADS: '2' });
  const base = `http://127.0.0.1:${port}`;
  const [reader, author] = [
    await makeUserWithToken(client.deps),
    await makeUserWithToken(client.deps),
  ];
  const listening = await woolly.line(/Woolly is listening/);
  assert.equal(listening.job_threads, 2);

  // A job runs in one of the threads, not in the main thread.
  await client.jobs.enqueue('default', 'test.sleep', { ms: 10, tag: 'where' });
  const started = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'where',
    15_000,
  );
  assert.ok([1, 2].includes(Number(started.thread)), JSON.stringify(started));

  // The recurring heartbeat is scheduled by the main thread and run by a thread.
  const beat = await woolly.line(/test heartbeat ran/, 15_000);
  assert.ok([1, 2].includes(Number(beat.thread)), JSON.stringify(beat));

  // A mention: the post is made by the main thread, its notification by a thread's job; the
  // reader's stream, held by the main thread, gets it.
  const socket = new WebSocket(
    `ws://127.0.0.1:${port}/api/v1/streaming?stream=user:notification&access_token=${reader.token}`,
  );
  const frames: { event: string; payload: string }[] = [];
  socket.on('message', (data) => frames.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  t.after(() => socket.close());
  let notification: { type: string; status: { content: string } } | null = null;
  for (let attempt = 0; attempt < 5 && !notification; attempt++) {
    const res = await fetch(`${base}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${author.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: `@${reader.account.username} from a thread ${attempt}` }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    const until = Date.now() + 3000;
    while (Date.now() < until && !notification) {
      const frame = frames.find((f) => f.event === 'notification');
      if (frame) notification = JSON.parse(frame.payload);
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  assert.ok(notification, `no notification frame: ${JSON.stringify(frames)}`);
  assert.equal(notification.type, 'mention');
  assert.match(notification.status.content, /from a thread/);

  // SIGTERM: the thread's running job finishes, then the process exits 0.
  await client.jobs.enqueue('default', 'test.sleep', { ms: 1500, tag: 'drain' });
  await woolly.line((l) => l.message === 'test job started' && l.tag === 'drain', 15_000);
  assert.equal(await woolly.stop(), 0);
  assert.ok(woolly.lines.some((l) => l.message === 'test job finished' && l.tag === 'drain'));
});

test('JOB_THREAD_QUEUES: the threads take those queues, the main thread the others', async (t) => {
  const { woolly, client } = await startThreaded(t, {
    JOB_THREADS: '1',
    JOB_THREAD_QUEUES: 'ingress,pull',
  });
  const listening = await woolly.line(/Woolly is listening/);
  assert.deepEqual(listening.thread_queues, ['ingress', 'pull']);
  assert.deepEqual(listening.main_queues, ['default', 'push', 'mailers', 'scheduler']);

  await client.jobs.enqueue('ingress', 'test.sleep', { ms: 10, tag: 'threaded' });
  const threaded = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'threaded',
    15_000,
  );
  assert.equal(Number(threaded.thread), 1, JSON.stringify(threaded));
  await client.jobs.enqueue('default', 'test.sleep', { ms: 10, tag: 'main' });
  const main = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'main',
    15_000,
  );
  assert.equal(main.thread, undefined, JSON.stringify(main));
  assert.equal(await woolly.stop(), 0);
});

test('JOB_THREADS=auto moves the workers into a thread while the queues are busy, and back', async (t) => {
  const { woolly, client } = await startThreaded(t, { JOB_THREADS: 'auto' });
  const listening = await woolly.line(/Woolly is listening/);
  assert.equal(listening.job_threads, 'auto');

  // Quiet: a job runs in the main thread.
  await client.jobs.enqueue('default', 'test.sleep', { ms: 10, tag: 'before' });
  const before = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'before',
    15_000,
  );
  assert.equal(before.thread, undefined, JSON.stringify(before));

  // Busy: jobs that hold the event loop.
  await busyUntilThreaded(woolly, client);
  const threaded = await woolly.line(
    (l) => l.message === 'test spin ran' && l.thread === 1,
    20_000,
  );
  assert.match(String(threaded.tag), /^spin /);
  // While the thread runs, a job enqueued meanwhile runs there too.
  await client.jobs.enqueue('default', 'test.sleep', { ms: 10, tag: 'during' });
  const during = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'during',
    15_000,
  );
  assert.equal(during.thread, 1, JSON.stringify(during));

  // Quiet again for the tests' 2 s: the workers come back to the main thread.
  await woolly.line(/the job queues are quiet/, 30_000);
  await client.jobs.enqueue('default', 'test.sleep', { ms: 10, tag: 'after' });
  const after = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'after',
    15_000,
  );
  assert.equal(after.thread, undefined, JSON.stringify(after));
  // Every spin ran, once.
  const spins = woolly.lines.filter((l) => l.message === 'test spin ran').map((l) => l.tag);
  assert.equal(new Set(spins).size, 150);
  assert.equal(spins.length, 150);
  assert.equal(await woolly.stop(), 0);
});

test('JOB_THREADS=auto: SIGTERM while the thread runs lets its job finish, then exits 0', async (t) => {
  const { woolly, client } = await startThreaded(t, { JOB_THREADS: 'auto' });
  await woolly.line(/Woolly is listening/);
  await busyUntilThreaded(woolly, client);
  await client.jobs.enqueue('default', 'test.sleep', { ms: 1500, tag: 'drain' }, { priority: 10 });
  const started = await woolly.line(
    (l) => l.message === 'test job started' && l.tag === 'drain',
    20_000,
  );
  assert.equal(started.thread, 1, JSON.stringify(started));
  assert.equal(await woolly.stop(), 0);
  assert.ok(woolly.lines.some((l) => l.message === 'test job finished' && l.tag === 'drain'));
});

test('JOB_THREADS=auto: when its thread dies, the jobs run in the main thread again', async (t) => {
  const { woolly, client } = await startThreaded(t, { JOB_THREADS: 'auto' });
  await woolly.line(/Woolly is listening/);
  await busyUntilThreaded(woolly, client);
  await woolly.line((l) => l.message === 'test spin ran' && l.thread === 1, 20_000);
  // The thread ends in the middle of its work (as a crash would end it).
  await client.jobs.enqueue('default', 'test.end-thread', {}, { priority: 10, maxAttempts: 1 });
  const fallback = await woolly.line(
    /the job thread stopped; the job workers run in the main thread again/,
    20_000,
  );
  // The main thread takes the jobs again (and, the queue still being busy, may later hand them
  // to a new thread).
  const from = woolly.lines.indexOf(fallback);
  await woolly.line(
    (l) =>
      woolly.lines.indexOf(l) > from && l.message === 'test spin ran' && l.thread === undefined,
    20_000,
  );
  // The spins the thread had not finished run all the same (those it held, once their locks
  // expire).
  await woolly.line(
    () =>
      new Set(woolly.lines.filter((l) => l.message === 'test spin ran').map((l) => l.tag)).size ===
      150,
    30_000,
  );
  assert.equal(await woolly.stop(), 0);
});

test('splitWorkers keeps what a worker process was given and leaves the main thread none', () => {
  assert.deepEqual(splitWorkers({ concurrency: 8 }, null), {
    threads: { concurrency: 8 },
    main: false,
  });
  assert.deepEqual(splitWorkers({ queues: ['push', 'ingress'] }, ['ingress']), {
    threads: { queues: ['ingress'] },
    main: { queues: ['push'] },
  });
  assert.deepEqual(splitWorkers({ queues: ['ingress'] }, ['ingress', 'pull']), {
    threads: { queues: ['ingress'] },
    main: false,
  });
});
