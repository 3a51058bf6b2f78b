import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deferred, jobsFor, waitFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('stats count waiting, scheduled, running and dead jobs per queue, with latency', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
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
    w.clock.advance(5000);
    await jobs.enqueue('ingress', 'slow', null);
    await jobs.enqueue('ingress', 'slow', null, { delayMs: 60_000 });
    w.clock.advance(2000);

    const stats = await jobs.stats();
    assert.deepEqual(
      stats.map((q) => q.queue),
      ['default', 'push', 'ingress', 'mailers', 'pull', 'scheduler'],
    );
    assert.deepEqual(
      stats.find((q) => q.queue === 'ingress'),
      { queue: 'ingress', waiting: 2, scheduled: 1, running: 1, dead: 1, latencyMs: 7000 },
    );
    assert.deepEqual(
      stats.find((q) => q.queue === 'default'),
      {
        queue: 'default',
        waiting: 0,
        scheduled: 0,
        running: 0,
        dead: 0,
        latencyMs: 0,
      },
    );
    release.resolve();
    await running;
  });
});
