/**
 * Fedify's ordered messages on Woolly's MessageQueue: an ordered fan-out enqueues one message
 * at a time, each with its own key (object id and server); those given in one turn are stored
 * together with their keys, and a message waits while an older one with its key waits for a
 * retry, on the embedded driver (both databases) and on Redis.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { JobRuntime } from '../../src/core/queue.ts';
import { JobMessageQueue } from '../../src/federation/message-queue.ts';
import { jobsFor, waitFor } from '../helpers/jobs.ts';
import { redisJobsCluster } from '../helpers/redis-jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

/** A queue whose listener records messages and fails `create A` once. */
function orderedQueue(t: TestContext, jobs: JobRuntime, retryMs: number) {
  const queue = new JobMessageQueue(jobs, {
    name: 'fedify.ordered',
    queue: 'push',
    maxAttempts: 3,
    retry: { retryDelayMs: () => retryMs },
  });
  const ran: string[] = [];
  let failed = false;
  const stop = new AbortController();
  void queue.listen(
    (message) => {
      if (message === 'create A' && !failed) {
        failed = true;
        throw new Error('the server answered 500');
      }
      ran.push(String(message));
    },
    { signal: stop.signal },
  );
  t.after(() => stop.abort());
  return { queue, ran };
}

/** As Fedify's ordered fan-out does: every message enqueued in one turn, then a later one. */
async function enqueueFanouts(queue: JobMessageQueue): Promise<void> {
  await Promise.all([
    queue.enqueue('create A', { orderingKey: 'note/1\nhttps://a.example' }),
    queue.enqueue('create B', { orderingKey: 'note/1\nhttps://b.example' }),
  ]);
  await queue.enqueue('delete A', { orderingKey: 'note/1\nhttps://a.example' });
}

forEachDatabase((kind) => {
  test('a message waits for the older one with its key; the messages of one turn keep a key each', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const { queue, ran } = orderedQueue(t, jobs, 60_000);
    await enqueueFanouts(queue);
    const rows = await w.deps.db.all<{ ordering_key: string; created_at: number | string }>(
      "SELECT ordering_key, created_at FROM jobs WHERE name = 'fedify.ordered' ORDER BY id",
    );
    assert.deepEqual(
      rows.map((r) => r.ordering_key),
      ['note/1\nhttps://a.example', 'note/1\nhttps://b.example', 'note/1\nhttps://a.example'],
    );

    await jobs.runDue({ queues: ['push'] });
    assert.deepEqual(ran, ['create B'], 'the Delete to A waits behind its failed Create');
    w.clock.advance(60_000);
    await jobs.runDue({ queues: ['push'] });
    assert.deepEqual(ran, ['create B', 'create A', 'delete A']);
  });
});

test('on Redis too, a message waits for the older one with its key', async (t) => {
  const jobs = redisJobsCluster(t).runtime();
  const { queue, ran } = orderedQueue(t, jobs, 1000);
  await enqueueFanouts(queue);
  await jobs.runDue({ queues: ['push'] });
  assert.deepEqual(ran, ['create B'], 'the Delete to A waits behind its failed Create');
  jobs.start({ queues: ['push'], concurrency: 2 });
  await waitFor(() => ran.length === 3, 10_000);
  assert.deepEqual(ran, ['create B', 'create A', 'delete A']);
});
