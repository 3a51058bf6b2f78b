import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, person, runJobs, seen } from './helpers.ts';

async function waitingJobs(w: TestWoolly) {
  return w.deps.db.all<{ queue: string; name: string }>(
    "SELECT queue, name FROM jobs WHERE name = 'notifications.process'",
  );
}

forEachDatabase((kind) => {
  test('an event is stored as a job on the default queue; the job makes the notification', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await runJobs(w);
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    assert.deepEqual(await waitingJobs(w), [{ queue: 'default', name: 'notifications.process' }]);
    assert.deepEqual((await alice.api.get('/api/v1/notifications')).list, [], 'not before it runs');
    assert.equal((await seen(w, alice)).length, 1);
    assert.deepEqual(await waitingJobs(w), []);
  });

  test('running the same job again (a retry) makes nothing twice', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const events: unknown[] = [];
    w.deps.events.on('follow.created', (e) => void events.push(e));
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    assert.equal(events.length, 1);
    await runJobs(w);
    // The same event again, as a redelivered job would bring it.
    await w.deps.events.emit('follow.created', events[0] as never);
    await runJobs(w);
    assert.deepEqual(await seen(w, alice), [
      { type: 'follow', from: bob.account.id, status: null },
    ]);
  });
});
