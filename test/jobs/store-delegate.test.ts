/**
 * Jobs stored by another thread (jobs/store-delegate.ts): the enqueues of one turn go out
 * together, a runtime given a delegate hands it its plain enqueues and keeps those with a
 * unique key, and a delegate that fails costs nothing but the detour (the job is stored here).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EnqueueManyOptions, QueueName } from '../../src/core/queue.ts';
import { batchedStores, type JobStoreDelegate } from '../../src/jobs/store-delegate.ts';
import { jobsFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

interface Call {
  queue: QueueName;
  name: string;
  payloads: readonly unknown[];
  options: EnqueueManyOptions;
}

/** A delegate that records its calls and answers ids `s1`, `s2`... (or fails with `fail`). */
function recording(fail?: Error): JobStoreDelegate & { calls: Call[] } {
  let next = 0;
  const calls: Call[] = [];
  return {
    calls,
    async store(queue, name, payloads, options) {
      calls.push({ queue, name, payloads, options });
      if (fail) throw fail;
      return payloads.map(() => `s${++next}`);
    },
  };
}

test('the single jobs of one turn are stored together when their queue, name and options agree', async () => {
  const delegate = recording();
  const stores = batchedStores(delegate);
  const ids = await Promise.all([
    stores.store('ingress', 'fedify.inbox', [{ n: 1 }], { maxAttempts: 9 }),
    stores.store('ingress', 'fedify.inbox', [{ n: 2 }], { maxAttempts: 9, orderingKey: 'k' }),
    stores.store('ingress', 'fedify.inbox', [{ n: 3 }], { maxAttempts: 3 }),
    stores.store('default', 'other', [{ n: 4 }], { maxAttempts: 9 }),
    stores.store('ingress', 'fedify.inbox', [{ n: 5 }, { n: 6 }], { maxAttempts: 9 }),
  ]);
  assert.deepEqual(
    delegate.calls.map((c) => [c.queue, c.name, c.payloads, c.options]),
    [
      // A call with several payloads is not held back.
      ['ingress', 'fedify.inbox', [{ n: 5 }, { n: 6 }], { maxAttempts: 9 }],
      [
        'ingress',
        'fedify.inbox',
        [{ n: 1 }, { n: 2 }],
        { maxAttempts: 9, orderingKeys: [undefined, 'k'] },
      ],
      ['ingress', 'fedify.inbox', [{ n: 3 }], { maxAttempts: 3 }],
      ['default', 'other', [{ n: 4 }], { maxAttempts: 9 }],
    ],
  );
  // Each caller gets its own job's id.
  assert.deepEqual(ids, [['s3'], ['s4'], ['s5'], ['s6'], ['s1', 's2']]);

  // The next turn starts a new batch.
  assert.deepEqual(await stores.store('ingress', 'fedify.inbox', [{ n: 7 }], {}), ['s7']);
  assert.equal(delegate.calls.length, 5);
});

test('every caller of a batch hears that it failed', async () => {
  const stores = batchedStores(recording(new Error('the thread stopped')));
  const results = await Promise.allSettled([
    stores.store('ingress', 'fedify.inbox', [1], {}),
    stores.store('ingress', 'fedify.inbox', [2], {}),
  ]);
  assert.deepEqual(
    results.map((r) => r.status === 'rejected' && (r.reason as Error).message),
    ['the thread stopped', 'the thread stopped'],
  );
});

forEachDatabase((kind) => {
  test('a runtime given a delegate hands it plain enqueues and keeps unique ones', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const delegate = recording();
    jobs.storeThrough(delegate);
    assert.equal(await jobs.enqueue('ingress', 'work', { a: 1 }, { maxAttempts: 9 }), 's1');
    assert.deepEqual(await jobs.enqueueMany('push', 'work', [1, 2], {}), ['s2', 's3']);
    const unique = await jobs.enqueue('default', 'work', { b: 2 }, { uniqueKey: 'once' });
    assert.deepEqual(
      delegate.calls.map((c) => [c.queue, c.payloads]),
      [
        ['ingress', [{ a: 1 }]],
        ['push', [1, 2]],
      ],
    );
    // Only the unique job is in this database: the delegate stored the others (elsewhere).
    const rows = await w.deps.db.all<{ id: unknown; unique_key: string }>(
      'SELECT id, unique_key FROM jobs',
    );
    assert.deepEqual(
      rows.map((r) => [String(r.id), r.unique_key]),
      [[unique, 'once']],
    );

    // Without a delegate, enqueues are stored here again.
    jobs.storeThrough(null);
    await jobs.enqueue('ingress', 'work', { c: 3 });
    assert.equal(delegate.calls.length, 2);
    const count = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM jobs');
    assert.equal(Number(count?.n), 2);
  });

  test('when the delegate fails, the jobs are stored here', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const delegate = recording(new Error('no job thread is running'));
    jobs.storeThrough(delegate);
    const id = await jobs.enqueue('ingress', 'work', { a: 1 });
    const ids = await jobs.enqueueMany('ingress', 'work', [2, 3]);
    assert.equal(delegate.calls.length, 2);
    const rows = await w.deps.db.all<{ id: unknown; payload: string }>(
      'SELECT id, payload FROM jobs ORDER BY id',
    );
    assert.deepEqual(
      rows.map((r) => [String(r.id), JSON.parse(r.payload)]),
      [
        [id, { a: 1 }],
        [ids[0], 2],
        [ids[1], 3],
      ].sort((a, b) => (BigInt(a[0] as string) < BigInt(b[0] as string) ? -1 : 1)),
    );
  });
});
