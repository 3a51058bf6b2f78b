import assert from 'node:assert/strict';
import { test } from 'node:test';
import { queueNames, type QueueName } from '../../src/core/queue.ts';
import { weightedOrder } from '../../src/jobs/queue-order.ts';
import { deferred, jobsFor, seededRandom, waitFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

test('queues come first in proportion to Mastodon’s Sidekiq weights', () => {
  const random = seededRandom(7);
  const first = new Map<QueueName, number>();
  const draws = 22_000;
  for (let i = 0; i < draws; i++) {
    const order = weightedOrder(queueNames, random);
    assert.deepEqual([...order].sort(), [...queueNames].sort());
    first.set(order[0]!, (first.get(order[0]!) ?? 0) + 1);
  }
  // Weights 8, 6, 4, 2, 1, 1 out of 22: expect about 8000, 6000, 4000, 2000, 1000, 1000.
  const expected = { default: 8000, push: 6000, ingress: 4000, mailers: 2000, pull: 1000 };
  for (const [queue, count] of Object.entries(expected)) {
    const got = first.get(queue as QueueName) ?? 0;
    assert.ok(Math.abs(got - count) < count * 0.1, `${queue}: ${got} first places`);
  }
});

test('with only default and pull to choose from, pull comes first about 1 time in 9', () => {
  const random = seededRandom(3);
  let pullFirst = 0;
  for (let i = 0; i < 9000; i++) {
    if (weightedOrder(['default', 'pull'], random)[0] === 'pull') pullFirst += 1;
  }
  assert.ok(pullFirst > 800 && pullFirst < 1200, `pull first ${pullFirst} times`);
});

forEachDatabase((kind) => {
  test('queues are tried in the drawn order (here always by weight); within a queue, priority then age', async (t) => {
    const w = await startTestWoolly(t, kind);
    // A random source that always draws the first queue left: strict weight order.
    const jobs = jobsFor(w, { random: () => 0 });
    const ran: string[] = [];
    jobs.register('record', async (payload) => {
      ran.push(String(payload));
    });
    await jobs.enqueue('pull', 'record', 'pull');
    await jobs.enqueue('mailers', 'record', 'mailers');
    await jobs.enqueue('default', 'record', 'default-old');
    w.clock.advance(1);
    await jobs.enqueue('default', 'record', 'default-new');
    await jobs.enqueue('default', 'record', 'default-urgent', { priority: 5 });
    await jobs.enqueue('ingress', 'record', 'ingress');
    await jobs.enqueue('push', 'record', 'push');
    await jobs.enqueue('default', 'record', 'default-later', { delayMs: 1000 });
    await jobs.runDue();
    assert.deepEqual(ran, [
      'default-urgent',
      'default-old',
      'default-new',
      'push',
      'ingress',
      'mailers',
      'pull',
    ]);
  });

  test('a flooded default queue does not starve pull', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w, { random: seededRandom(11) });
    const ran: string[] = [];
    jobs.register('record', async (payload) => {
      ran.push(String(payload));
    });
    await jobs.enqueueMany('default', 'record', Array(200).fill('default'));
    await jobs.enqueueMany('pull', 'record', Array(50).fill('pull'));
    await jobs.runDue({ limit: 90 });
    const pulled = ran.filter((q) => q === 'pull').length;
    // 1 in 9 expected (10 of 90); strict priority would give 0.
    assert.ok(pulled >= 4 && pulled <= 20, `pull ran ${pulled} of 90`);
  });

  test('jobs sharing an ordering key run one at a time, in order, even across a retry', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const ran: string[] = [];
    let failCreate = true;
    jobs.register('activity', async (payload) => {
      if (payload === 'create' && failCreate) {
        failCreate = false;
        throw new Error('first try fails');
      }
      ran.push(String(payload));
    });
    await jobs.enqueue('push', 'activity', 'create', { orderingKey: 'note/1' });
    await jobs.enqueue('push', 'activity', 'delete', { orderingKey: 'note/1' });
    await jobs.enqueue('push', 'activity', 'other', { orderingKey: 'note/2' });
    await jobs.runDue();
    // The failed Create waits for its retry; the Delete behind it must wait too.
    assert.deepEqual(ran, ['other']);
    w.clock.advance(60_000);
    await jobs.runDue();
    assert.deepEqual(ran, ['other', 'create', 'delete']);
  });

  test('while a job with an ordering key runs, the next one with that key is not taken', async (t) => {
    const w = await startTestWoolly(t, kind);
    const a = jobsFor(w);
    const b = jobsFor(w);
    const release = deferred();
    const ran: string[] = [];
    let started = false;
    const handler = async (payload: unknown) => {
      started = true;
      if (payload === 'first') await release.promise;
      ran.push(String(payload));
    };
    a.register('step', handler);
    b.register('step', handler);
    await a.enqueue('default', 'step', 'first', { orderingKey: 'k' });
    await a.enqueue('default', 'step', 'second', { orderingKey: 'k' });
    const running = a.runDue({ limit: 1 });
    await waitFor(() => started);
    assert.equal(await b.runDue(), 0);
    release.resolve();
    await running;
    assert.equal(await b.runDue(), 1);
    assert.deepEqual(ran, ['first', 'second']);
  });
});

forEachDatabase((kind) => {
  test('busy workers still notice jobs that another process enqueues in a quiet queue', async (t) => {
    const w = await startTestWoolly(t, kind);
    const busy = jobsFor(w, { pollMs: 50, random: seededRandom(5) });
    const elsewhere = jobsFor(w);
    let keepBusy = true;
    let pulled = false;
    const chain = async () => {
      if (keepBusy) await busy.enqueue('default', 'chain', null);
    };
    busy.register('chain', chain);
    busy.register('pull.work', async () => {
      pulled = true;
    });
    await busy.enqueueMany('default', 'chain', Array(4).fill(null));
    busy.start({ concurrency: 2 });
    // Let the workers find `pull` empty while they chew through default.
    await new Promise((resolve) => setTimeout(resolve, 100));
    await elsewhere.enqueue('pull', 'pull.work', null);
    try {
      await waitFor(() => pulled, 3000);
    } finally {
      keepBusy = false;
    }
  });
});
