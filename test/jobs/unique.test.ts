import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deferred, jobsFor, waitFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('a unique key holds one waiting job; enqueueing again returns the same id', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const seen: unknown[] = [];
    jobs.register('refresh', async (payload) => {
      seen.push(payload);
    });
    const first = await jobs.enqueue('pull', 'refresh', 1, { uniqueKey: 'account:1' });
    const again = await jobs.enqueue('pull', 'refresh', 2, { uniqueKey: 'account:1' });
    const other = await jobs.enqueue('pull', 'refresh', 3, { uniqueKey: 'account:2' });
    assert.equal(again, first);
    assert.notEqual(other, first);
    assert.equal(await jobs.runDue(), 2);
    assert.deepEqual(seen.sort(), [1, 3]);
    // Once the job has run, the key is free again.
    const later = await jobs.enqueue('pull', 'refresh', 4, { uniqueKey: 'account:1' });
    assert.notEqual(later, first);
  });

  test('the key is let go when the job starts, and a retry does not collide with the new one', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const release = deferred();
    let calls = 0;
    jobs.register('refresh', async () => {
      calls += 1;
      if (calls === 1) {
        await release.promise;
        throw new Error('first run fails');
      }
    });
    await jobs.enqueue('pull', 'refresh', null, { uniqueKey: 'k' });
    const running = jobs.runDue({ limit: 1 });
    await waitFor(() => calls === 1);
    // While the first runs, the same work may be queued again.
    await jobs.enqueue('pull', 'refresh', null, { uniqueKey: 'k' });
    release.resolve();
    await running;
    w.clock.advance(60_000);
    assert.equal(await jobs.runDue(), 2);
    assert.equal(calls, 3);
  });
});
