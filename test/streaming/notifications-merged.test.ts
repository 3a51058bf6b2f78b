/**
 * Accepting a notification request merges its notifications with the others; the streams
 * that carry notifications say `notifications_merged` (payload "1"), as Mastodon's do, so
 * apps reload. Filtered notifications themselves are never streamed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  forEachShape,
  openSocket,
  person,
  post,
  startStreamingWoolly,
  subscribed,
} from './helpers.ts';

forEachShape((shape) => {
  test('accepting a request says notifications_merged; filtered ones are not streamed', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, stranger] = [await person(w), await person(w)];
    const policy = await w.request('/api/v2/notifications/policy', {
      method: 'PATCH',
      token: alice.token,
      json: { for_not_following: 'filter' },
    });
    assert.equal(policy.status, 200, await policy.text());
    const reader = await openSocket(w, `?stream=user:notification&access_token=${alice.token}`);
    await subscribed(w, `notifications:${alice.account.id}`);

    await post(w, stranger, { status: `@${alice.account.username} hello` });
    let request: { id: string } | undefined;
    const end = Date.now() + 5000;
    while (!request && Date.now() < end) {
      [request] = (await alice.api.get('/api/v1/notifications/requests')).list as { id: string }[];
      if (!request) await new Promise((r) => setTimeout(r, 20));
    }
    assert.ok(request, 'the mention became a request');
    assert.equal(reader.frames.filter((f) => f.event === 'notification').length, 0);

    const accepted = await alice.api.post(`/api/v1/notifications/requests/${request.id}/accept`);
    assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
    const frame = await reader.next((f) => f.event === 'notifications_merged');
    assert.deepEqual(frame, {
      stream: ['user:notification'],
      event: 'notifications_merged',
      payload: '1',
    });
    reader.close();
  });
});
