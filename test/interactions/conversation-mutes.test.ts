import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { person, post } from '../relationships/helpers.ts';

const notFound = { error: 'Record not found' };

forEachDatabase((kind) => {
  test('muting a post mutes its whole thread for the viewer alone; unmuting undoes it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const listener = await person(w);
    const root = await post(w, author, 'a thread');
    const reply = await post(w, author, 'and more', { inReplyToId: root.id });
    const elsewhere = await post(w, author, 'another thread');

    for (let i = 0; i < 2; i++) {
      const res = await listener.api.post(`/api/v1/statuses/${reply.id}/mute`);
      assert.equal(res.status, 200);
      assertEntity(res.body, 'Status');
      assert.equal(res.body.id, reply.id);
      assert.equal(res.body.muted, true);
    }
    const rows = await w.deps.db.all<{ conversation_id: string | number }>(
      'SELECT conversation_id FROM conversation_mutes WHERE account_id = ?',
      [listener.account.id],
    );
    assert.deepEqual(
      rows.map((r) => String(r.conversation_id)),
      [root.conversationId],
    );
    assert.equal((await listener.api.get(`/api/v1/statuses/${root.id}`)).body.muted, true);
    assert.equal((await listener.api.get(`/api/v1/statuses/${elsewhere.id}`)).body.muted, false);
    assert.equal((await author.api.get(`/api/v1/statuses/${root.id}`)).body.muted, false);

    // Muted through a boost: the boosted post's thread.
    const booster = await person(w);
    const boost = await booster.api.post(`/api/v1/statuses/${elsewhere.id}/reblog`);
    const viaBoost = await listener.api.post(`/api/v1/statuses/${boost.body.id}/mute`);
    assert.equal(viaBoost.body.id, boost.body.id);
    assert.equal((viaBoost.body.reblog as Record<string, unknown>).muted, true);

    for (let i = 0; i < 2; i++) {
      const res = await listener.api.post(`/api/v1/statuses/${root.id}/unmute`);
      assert.deepEqual([res.status, res.body.muted], [200, false]);
    }
    assert.equal((await listener.api.get(`/api/v1/statuses/${reply.id}`)).body.muted, false);
  });

  test('posts one cannot see are 404; scopes: write:mutes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const stranger = await person(w);
    const hidden = await post(w, author, 'followers only', { visibility: 'private' });
    for (const id of [hidden.id, '4242', 'zz']) {
      for (const action of ['mute', 'unmute']) {
        const res = await stranger.api.post(`/api/v1/statuses/${id}/${action}`);
        assert.deepEqual([res.status, res.body], [404, notFound], `${action} ${id}`);
      }
    }
    const status = await post(w, author, 'public');
    const wrong = await person(w, { scopes: ['read', 'write:statuses'] });
    const res = await wrong.api.post(`/api/v1/statuses/${status.id}/mute`);
    assert.deepEqual(
      [res.status, res.body],
      [403, { error: 'This action is outside the authorized scopes' }],
    );
    const narrow = await person(w, { scopes: ['write:mutes'] });
    assert.equal((await narrow.api.post(`/api/v1/statuses/${status.id}/mute`)).status, 200);
    const count = await w.deps.db.get<{ n: number }>(
      'SELECT COUNT(*) AS n FROM conversation_mutes',
    );
    assert.equal(Number(count?.n), 1);
  });
});
