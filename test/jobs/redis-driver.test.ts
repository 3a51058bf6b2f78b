/**
 * The Redis (BullMQ) driver against the job queue's contract, as the embedded driver's tests
 * check it: weighted queues and priorities, delays, retries and the dead set, unique and
 * ordering keys, stats, recurring jobs once across processes, and stopping. The Redis driver
 * runs on real time, so waits here are short real delays (handlers choose short backoffs).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { deferred, waitFor } from '../helpers/jobs.ts';
import { redisJobsCluster } from '../helpers/redis-jobs.ts';

const quickRetry = { retryDelayMs: () => 1500 };

describe('redis job driver', () => {
  test('queues are tried by weight; within a queue, priority then age; delayed jobs wait', async (t) => {
    const jobs = redisJobsCluster(t).runtime({ random: () => 0 });
    const ran: string[] = [];
    jobs.register('record', async (payload) => {
      ran.push(String(payload));
    });
    await jobs.enqueue('pull', 'record', 'pull');
    await jobs.enqueue('mailers', 'record', 'mailers');
    await jobs.enqueue('default', 'record', 'default-old');
    await jobs.enqueue('default', 'record', 'default-new');
    await jobs.enqueue('default', 'record', 'default-urgent', { priority: 5 });
    await jobs.enqueue('ingress', 'record', 'ingress');
    await jobs.enqueueMany('push', 'record', ['push-1', 'push-2']);
    await jobs.enqueue('default', 'record', 'default-later', { delayMs: 60_000 });
    assert.equal(await jobs.runDue(), 8);
    assert.equal((await jobs.stats())[0]!.scheduled, 1, 'the delayed job waits');
    assert.deepEqual(ran, [
      'default-urgent',
      'default-old',
      'default-new',
      'push-1',
      'push-2',
      'ingress',
      'mailers',
      'pull',
    ]);
  });

  test('a failing job is retried with its handler’s backoff, then lands in the dead set', async (t) => {
    const jobs = redisJobsCluster(t).runtime();
    let calls = 0;
    let fail = true;
    jobs.register(
      'broken',
      async () => {
        calls += 1;
        if (fail) throw new Error('remote said no');
      },
      quickRetry,
    );
    const id = await jobs.enqueue('push', 'broken', { to: 'x' }, { maxAttempts: 3 });
    assert.equal(await jobs.runDue(), 1);
    assert.equal(await jobs.runDue(), 0, 'the retry waits for its backoff');
    assert.equal((await jobs.stats()).find((q) => q.queue === 'push')?.scheduled, 1);
    for (let i = 0; i < 2; i++) await waitFor(async () => (await jobs.runDue()) === 1, 5000);
    assert.equal(calls, 3);
    const dead = await jobs.deadJobs();
    assert.equal(dead.length, 1);
    assert.deepEqual(
      [dead[0]!.id, dead[0]!.queue, dead[0]!.attempts, dead[0]!.payload],
      [id, 'push', 3, { to: 'x' }],
    );
    assert.match(dead[0]!.error, /remote said no/);
    assert.equal((await jobs.stats()).find((q) => q.queue === 'push')?.dead, 1);

    fail = false;
    assert.equal(await jobs.retryDead(id), true);
    assert.equal(await jobs.retryDead(id), false);
    assert.equal(await jobs.runDue(), 1);
    assert.equal(calls, 4);
    assert.deepEqual(await jobs.deadJobs(), []);
  });

  test('retry all, discard, keepDead: false and jobs nobody handles', async (t) => {
    const jobs = redisJobsCluster(t).runtime();
    jobs.register('never', async () => {
      throw new Error('nope');
    });
    jobs.register(
      'deliver',
      async () => {
        throw new Error('gone');
      },
      { keepDead: false },
    );
    const a = await jobs.enqueue('default', 'never', 1, { maxAttempts: 1 });
    await jobs.enqueue('pull', 'never', 2, { maxAttempts: 1 });
    await jobs.enqueue('pull', 'never', 3, { maxAttempts: 1 });
    await jobs.enqueue('push', 'deliver', 4, { maxAttempts: 1 });
    await jobs.enqueue('mailers', 'unknown.kind', 5, { maxAttempts: 1 });
    assert.equal(await jobs.runDue(), 5);
    assert.equal((await jobs.deadJobs()).length, 4, 'the delivery was dropped');
    assert.equal((await jobs.deadJobs({ queue: 'pull' })).length, 2);
    assert.match(
      (await jobs.deadJobs({ queue: 'mailers' }))[0]!.error,
      /no handler is registered for jobs named/,
    );
    assert.equal(await jobs.retryAllDead('pull'), 2);
    assert.equal((await jobs.stats()).find((q) => q.queue === 'pull')?.waiting, 2);
    assert.equal(await jobs.discardDead(a), true);
    assert.equal(await jobs.discardDead(a), false);
    assert.equal(await jobs.runDue(), 2);
    assert.equal(await jobs.discardAllDead(), 3);
    assert.deepEqual(await jobs.deadJobs(), []);
  });

  test('a unique key holds one waiting job, and is let go when the job starts', async (t) => {
    const jobs = redisJobsCluster(t).runtime();
    const release = deferred();
    const seen: unknown[] = [];
    jobs.register('refresh', async (payload) => {
      seen.push(payload);
      if (payload === 1) await release.promise;
    });
    const first = await jobs.enqueue('pull', 'refresh', 1, { uniqueKey: 'account:1' });
    assert.equal(await jobs.enqueue('pull', 'refresh', 2, { uniqueKey: 'account:1' }), first);
    assert.notEqual(await jobs.enqueue('pull', 'refresh', 3, { uniqueKey: 'account:2' }), first);
    const running = jobs.runDue({ limit: 1 });
    await waitFor(() => seen.length === 1);
    // While the first runs, the same work may be queued again.
    const again = await jobs.enqueue('pull', 'refresh', 4, { uniqueKey: 'account:1' });
    assert.notEqual(again, first);
    release.resolve();
    await running;
    assert.equal(await jobs.runDue(), 2);
    assert.deepEqual(seen.sort(), [1, 3, 4]);
  });

  test('jobs sharing an ordering key run one at a time, in order, even across a retry', async (t) => {
    const cluster = redisJobsCluster(t);
    const [a, b] = [cluster.runtime(), cluster.runtime()];
    const ran: string[] = [];
    let failCreate = true;
    for (const jobs of [a, b]) {
      jobs.register(
        'activity',
        async (payload) => {
          if (payload === 'create' && failCreate) {
            failCreate = false;
            throw new Error('first try fails');
          }
          ran.push(String(payload));
        },
        { retryDelayMs: () => 3000 },
      );
    }
    await a.enqueue('push', 'activity', 'create', { orderingKey: 'note/1' });
    await a.enqueue('push', 'activity', 'delete', { orderingKey: 'note/1' });
    await b.enqueue('push', 'activity', 'other', { orderingKey: 'note/2' });
    await a.runDue();
    await b.runDue();
    // The failed Create waits for its retry; the Delete behind it waits too.
    assert.deepEqual(ran, ['other']);
    a.start({ concurrency: 2 });
    b.start({ concurrency: 2 });
    await waitFor(() => ran.length === 3, 10_000);
    assert.deepEqual(ran, ['other', 'create', 'delete']);
  });

  test('stats count waiting, scheduled, running and dead jobs per queue, with latency', async (t) => {
    const jobs = redisJobsCluster(t).runtime();
    const release = deferred();
    let started = false;
    jobs.register('slow', async () => {
      started = true;
      await release.promise;
    });
    jobs.register('fail', async () => {
      throw new Error('no');
    });
    await jobs.enqueue('ingress', 'fail', null, { maxAttempts: 1 });
    await jobs.runDue({ queues: ['ingress'] });
    await jobs.enqueue('ingress', 'slow', null);
    const running = jobs.runDue({ queues: ['ingress'], limit: 1 });
    await waitFor(() => started);
    await jobs.enqueue('ingress', 'slow', null);
    await jobs.enqueue('ingress', 'slow', null);
    await jobs.enqueue('ingress', 'slow', null, { delayMs: 60_000 });
    await sleep(30);
    const stats = await jobs.stats();
    assert.deepEqual(
      stats.map((q) => q.queue),
      ['default', 'push', 'ingress', 'mailers', 'pull', 'scheduler'],
    );
    const ingress = stats.find((q) => q.queue === 'ingress')!;
    assert.deepEqual(
      [ingress.waiting, ingress.scheduled, ingress.running, ingress.dead],
      [2, 1, 1, 1],
    );
    assert.ok(ingress.latencyMs >= 25 && ingress.latencyMs < 5000, String(ingress.latencyMs));
    assert.equal(stats.find((q) => q.queue === 'default')?.latencyMs, 0);
    release.resolve();
    await running;
  });

  test('two started processes run each of many jobs exactly once', async (t) => {
    const cluster = redisJobsCluster(t);
    const counts = new Map<number, number>();
    const processes = [1, 2].map(() => {
      const jobs = cluster.runtime();
      jobs.register('count', async (payload) => {
        const n = Number(payload);
        counts.set(n, (counts.get(n) ?? 0) + 1);
      });
      jobs.start({ concurrency: 4 });
      return jobs;
    });
    const total = 200;
    await processes[0]!.enqueueMany(
      'ingress',
      'count',
      Array.from({ length: total / 2 }, (_, i) => i),
    );
    for (let i = total / 2; i < total; i++) await processes[1]!.enqueue('push', 'count', i);
    await waitFor(() => counts.size === total, 20_000);
    assert.ok([...counts.values()].every((n) => n === 1));
  });

  test('two schedulers enqueue a recurring job once per period', async (t) => {
    const cluster = redisJobsCluster(t);
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const jobs = cluster.runtime();
      jobs.register('tick', async (_payload, job) => {
        runs.push(job.id);
      });
      jobs.recurring('tick', { everyMs: 1000 });
      jobs.start({ concurrency: 2 });
    }
    const started = Date.now();
    await waitFor(() => runs.length >= 3, 10_000);
    const periods = (Date.now() - started) / 1000;
    // One run at once, then one per period's slot: never two for one slot.
    assert.ok(runs.length <= Math.ceil(periods) + 2, `${runs.length} runs in ${periods} s`);
    assert.equal(new Set(runs).size, runs.length, runs.join(', '));
  });

  test('stop waits for running jobs; one still running at the deadline is handed back', async (t) => {
    const cluster = redisJobsCluster(t);
    const jobs = cluster.runtime();
    jobs.register('stuck', () => new Promise<void>(() => {}));
    await jobs.enqueue('default', 'stuck', null, { maxAttempts: 1 });
    jobs.start({ concurrency: 1 });
    await waitFor(async () => (await jobs.stats())[0]!.running === 1);
    await jobs.stop({ timeoutMs: 50 });
    const other = cluster.runtime();
    const stats = (await other.stats())[0]!;
    assert.deepEqual([stats.waiting, stats.running, stats.dead], [1, 0, 0]);
    let ran = false;
    other.register('stuck', async () => {
      ran = true;
    });
    assert.equal(await other.runDue(), 1);
    assert.equal(ran, true, 'the handed-back job kept its one attempt');
  });
});
