import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jobsFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

const second = 1000;

forEachDatabase((kind) => {
  test('a failing job is retried after Sidekiq backoff, then succeeds', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    let calls = 0;
    jobs.register('flaky', async () => {
      calls += 1;
      if (calls < 3) throw new Error(`failure ${calls}`);
    });
    await jobs.enqueue('default', 'flaky', { n: 1 });

    assert.equal(await jobs.runDue(), 1);
    assert.equal(calls, 1);
    // First retry: 15 s plus up to 9 s of jitter.
    w.clock.advance(14 * second);
    assert.equal(await jobs.runDue(), 0);
    w.clock.advance(11 * second);
    assert.equal(await jobs.runDue(), 1);
    assert.equal(calls, 2);
    // Second retry: 1 + 15 s plus up to 18 s.
    w.clock.advance(15 * second);
    assert.equal(await jobs.runDue(), 0);
    w.clock.advance(20 * second);
    assert.equal(await jobs.runDue(), 1);
    assert.equal(calls, 3);
    const stats = await jobs.stats();
    assert.ok(stats.every((q) => q.waiting + q.scheduled + q.running + q.dead === 0));
  });

  test('after its last attempt a job is in the dead set with its error, and can be retried', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    let fail = true;
    let calls = 0;
    jobs.register('broken', async () => {
      calls += 1;
      if (fail) throw new Error('remote said no');
    });
    const id = await jobs.enqueue('push', 'broken', { to: 'x' }, { maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await jobs.runDue();
      w.clock.advance(3600 * second);
    }
    assert.equal(calls, 3);
    assert.equal(await jobs.runDue(), 0);

    const dead = await jobs.deadJobs();
    assert.equal(dead.length, 1);
    assert.equal(dead[0]!.id, id);
    assert.equal(dead[0]!.queue, 'push');
    assert.equal(dead[0]!.attempts, 3);
    assert.deepEqual(dead[0]!.payload, { to: 'x' });
    assert.match(dead[0]!.error, /remote said no/);
    assert.equal((await jobs.stats()).find((q) => q.queue === 'push')?.dead, 1);

    fail = false;
    assert.equal(await jobs.retryDead(id), true);
    assert.equal(await jobs.retryDead(id), false);
    assert.equal(await jobs.runDue(), 1);
    assert.equal(calls, 4);
    assert.deepEqual(await jobs.deadJobs(), []);
  });

  test('retry all and discard act on the dead set only', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    jobs.register('never', async () => {
      throw new Error('nope');
    });
    const a = await jobs.enqueue('default', 'never', 1, { maxAttempts: 1 });
    await jobs.enqueue('pull', 'never', 2, { maxAttempts: 1 });
    await jobs.enqueue('pull', 'never', 3, { maxAttempts: 1 });
    await jobs.runDue();
    await jobs.enqueue('pull', 'never', 4, { delayMs: 60_000 });
    assert.equal((await jobs.deadJobs()).length, 3);
    assert.equal((await jobs.deadJobs({ queue: 'pull' })).length, 2);

    assert.equal(await jobs.retryAllDead('pull'), 2);
    assert.equal((await jobs.stats()).find((q) => q.queue === 'pull')?.waiting, 2);
    assert.equal(await jobs.discardDead(a), true);
    assert.equal(await jobs.discardDead(a), false);
    await jobs.runDue();
    assert.equal(await jobs.discardAllDead(), 2);
    const pull = (await jobs.stats()).find((q) => q.queue === 'pull');
    assert.deepEqual(
      { waiting: pull?.waiting, scheduled: pull?.scheduled, dead: pull?.dead },
      { waiting: 0, scheduled: 1, dead: 0 },
    );
  });

  test('a kind registered with keepDead: false is dropped after its last attempt', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const delays: number[] = [];
    jobs.register(
      'deliver',
      async () => {
        throw new Error('gone');
      },
      {
        keepDead: false,
        retryDelayMs: (attempts) => {
          delays.push(attempts);
          return 1000;
        },
      },
    );
    await jobs.enqueue('push', 'deliver', {}, { maxAttempts: 2 });
    await jobs.runDue();
    w.clock.advance(1000);
    await jobs.runDue();
    assert.deepEqual(delays, [1]);
    assert.deepEqual(await jobs.deadJobs(), []);
    assert.equal((await jobs.stats()).find((q) => q.queue === 'push')?.scheduled, 0);
  });

  test('a job nobody handles fails like any other and keeps the reason', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    await jobs.enqueue('default', 'unknown.kind', {}, { maxAttempts: 1 });
    assert.equal(await jobs.runDue(), 1);
    assert.match((await jobs.deadJobs())[0]!.error, /no handler is registered for jobs named/);
  });
});
