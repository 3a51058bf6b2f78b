import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('deleting a boost by its id gives the boosted post its count back', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await makeUserWithToken(w.deps);
    const booster = await makeUserWithToken(w.deps);
    const post = await (
      await w.request('/api/v1/statuses', {
        method: 'POST',
        token: author.token,
        json: { status: 'hello' },
      })
    ).json();
    const boost = await (
      await w.request(`/api/v1/statuses/${post.id}/reblog`, {
        method: 'POST',
        token: booster.token,
      })
    ).json();
    const deleted: unknown[] = [];
    w.deps.events.on('status.deleted', (e) => void deleted.push(e));
    const res = await w.request(`/api/v1/statuses/${boost.id}`, {
      method: 'DELETE',
      token: booster.token,
    });
    assert.equal(res.status, 200);
    const after = await (
      await w.request(`/api/v1/statuses/${post.id}`, { token: author.token })
    ).json();
    assert.equal(after.reblogs_count, 0);
    assert.deepEqual(deleted, [
      {
        statusId: boost.id,
        accountId: booster.account.id,
        uri: boost.uri,
        local: true,
        reblogOfId: post.id,
      },
    ]);
  });
});
