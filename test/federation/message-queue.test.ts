import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from '@js-temporal/polyfill';
import { JobMessageQueue } from '../../src/federation/message-queue.ts';
import { jobsFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('a message goes through the job queue to the listener, after its delay', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const mq = new JobMessageQueue(jobs, { name: 'fedify.test', queue: 'ingress', maxAttempts: 3 });
    const received: unknown[] = [];
    const stop = new AbortController();
    const listening = mq.listen((message) => void received.push(message), { signal: stop.signal });

    await mq.enqueue({ type: 'inbox', activity: { type: 'Follow' } });
    await mq.enqueue({ n: 'later' }, { delay: Temporal.Duration.from({ seconds: 30 }) });
    const ingress = (await jobs.stats()).find((q) => q.queue === 'ingress');
    assert.deepEqual([ingress?.waiting, ingress?.scheduled], [1, 1]);

    assert.equal(await jobs.runDue(), 1);
    assert.deepEqual(received, [{ type: 'inbox', activity: { type: 'Follow' } }]);
    w.clock.advance(29_999);
    assert.equal(await jobs.runDue(), 0);
    w.clock.advance(1);
    assert.equal(await jobs.runDue(), 1);
    assert.deepEqual(received[1], { n: 'later' });

    await mq.enqueueMany([1, 2, 3]);
    assert.equal(await jobs.runDue(), 3);
    assert.deepEqual(received.slice(2).sort(), [1, 2, 3]);

    stop.abort();
    await listening;
    // No longer listening: the message waits and, with nobody to take it, fails.
    await mq.enqueue('after stop');
    await jobs.runDue();
    assert.equal(received.length, 5);
  });

  test('a failing message is retried by the job queue, then lands in the dead set', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const mq = new JobMessageQueue(jobs, { name: 'fedify.test', queue: 'push', maxAttempts: 2 });
    assert.equal(mq.nativeRetrial, true);
    let attempts = 0;
    const stop = new AbortController();
    void mq.listen(
      () => {
        attempts += 1;
        throw new Error('inbox unreachable');
      },
      { signal: stop.signal },
    );
    await mq.enqueue({ inbox: 'https://remote.example/inbox' });
    await jobs.runDue();
    w.clock.advance(60_000);
    await jobs.runDue();
    assert.equal(attempts, 2);
    const dead = await jobs.deadJobs({ queue: 'push' });
    assert.equal(dead.length, 1);
    assert.equal(dead[0]!.name, 'fedify.test');
    assert.match(dead[0]!.error, /inbox unreachable/);
    stop.abort();
  });

  test('messages with the same ordering key are handled in order', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const mq = new JobMessageQueue(jobs, { name: 'fedify.test', queue: 'push', maxAttempts: 5 });
    const seen: string[] = [];
    const stop = new AbortController();
    let failedOnce = false;
    void mq.listen(
      (message) => {
        if (message === 'create' && !failedOnce) {
          failedOnce = true;
          throw new Error('try again');
        }
        seen.push(String(message));
      },
      { signal: stop.signal },
    );
    await mq.enqueue('create', { orderingKey: 'https://woolly.test/notes/1' });
    await mq.enqueue('delete', { orderingKey: 'https://woolly.test/notes/1' });
    await jobs.runDue();
    assert.deepEqual(seen, []);
    w.clock.advance(60_000);
    await jobs.runDue();
    assert.deepEqual(seen, ['create', 'delete']);
    stop.abort();
  });

  test('Woolly hands Fedify’s inbox work to ingress and its deliveries to push', async (t) => {
    const w = await startTestWoolly(t, kind);
    const names = new Map<string, string>();
    const rows = async () =>
      w.deps.db.all<{ name: string; queue: string; max_attempts: number }>(
        'SELECT name, queue, max_attempts FROM jobs',
      );
    // Fedify's own queue objects, as the Federation was built with them.
    const federation = (await w.loadFederation()) as unknown as Record<string, JobMessageQueue>;
    await federation.inboxQueue!.enqueue({ probe: 'inbox' });
    await federation.outboxQueue!.enqueue({ probe: 'outbox' });
    await federation.fanoutQueue!.enqueue({ probe: 'fanout' });
    for (const row of await rows()) names.set(row.name, `${row.queue}/${row.max_attempts}`);
    assert.deepEqual(Object.fromEntries(names), {
      'fedify.inbox': 'ingress/9',
      'fedify.outbox': 'push/17',
      'fedify.fanout': 'push/25',
    });
  });
});
