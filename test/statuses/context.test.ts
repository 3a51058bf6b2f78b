import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, relate, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

interface ContextJson {
  ancestors: StatusJson[];
  descendants: StatusJson[];
}

const texts = (list: StatusJson[]) => list.map((s) => (s.content ?? '').replace(/<[^>]+>/g, ''));

forEachDatabase((kind) => {
  test('a thread: ancestors from the root, descendants depth-first with self-replies first', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const reply = (token: string, status: string, to: StatusJson) =>
      posted(w, token, { status, in_reply_to_id: to.id });
    const root = await posted(w, alice.token, { status: 'root' });
    const a1 = await reply(alice.token, 'a1', root);
    const b1 = await reply(bob.token, 'b1', a1);
    const b1a = await reply(alice.token, 'b1a', b1);
    const a2 = await reply(alice.token, 'a2', a1);
    await reply(bob.token, 'b2', root);
    // Alice replying to herself comes before Bob's reply to her, though his came first.
    const res = await get<ContextJson>(w, `/api/v1/statuses/${a1.id}/context`, bob.token);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Context');
    assert.deepEqual(texts(res.body.ancestors), ['root']);
    assert.deepEqual(texts(res.body.descendants), ['a2', 'b1', 'b1a']);
    const whole = await get<ContextJson>(w, `/api/v1/statuses/${root.id}/context`);
    assert.deepEqual(texts(whole.body.ancestors), []);
    assert.deepEqual(texts(whole.body.descendants), ['a1', 'a2', 'b1', 'b1a', 'b2']);
    const leaf = await get<ContextJson>(w, `/api/v1/statuses/${b1a.id}/context`);
    assert.deepEqual(texts(leaf.body.ancestors), ['root', 'a1', 'b1']);
    assert.deepEqual(leaf.body.descendants, []);
    assert.equal(a2.in_reply_to_id, a1.id);
  });

  test('what the viewer may not see, or blocks or mutes, is left out without cutting the thread', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const carol = await makeUserWithToken(w.deps, { account: { username: 'carol' } });
    const dave = await makeUserWithToken(w.deps, { account: { username: 'dave' } });
    await relate(w, alice.token, bob.account.id, 'follow');
    const root = await posted(w, alice.token, { status: 'root' });
    const hidden = await posted(w, bob.token, {
      status: 'followers of bob',
      in_reply_to_id: root.id,
      visibility: 'private',
    });
    await posted(w, alice.token, { status: 'under the hidden one', in_reply_to_id: hidden.id });
    await posted(w, carol.token, { status: 'by carol', in_reply_to_id: root.id });
    await posted(w, dave.token, { status: 'by dave', in_reply_to_id: root.id });
    const deleted = await posted(w, dave.token, { status: 'deleted', in_reply_to_id: root.id });
    await posted(w, alice.token, { status: 'under the deleted one', in_reply_to_id: deleted.id });
    assert.equal(
      (await send(w, 'DELETE', `/api/v1/statuses/${deleted.id}`, dave.token)).status,
      200,
    );

    const anonymous = await get<ContextJson>(w, `/api/v1/statuses/${root.id}/context`);
    assert.deepEqual(texts(anonymous.body.descendants), [
      'under the hidden one',
      'by carol',
      'by dave',
      'under the deleted one',
    ]);
    const viewer = await makeUserWithToken(w.deps, { account: { username: 'viewer' } });
    await relate(w, viewer.token, bob.account.id, 'follow');
    await relate(w, viewer.token, carol.account.id, 'block');
    await relate(w, viewer.token, dave.account.id, 'mute');
    const signedIn = await get<ContextJson>(w, `/api/v1/statuses/${root.id}/context`, viewer.token);
    assert.deepEqual(texts(signedIn.body.descendants), [
      'followers of bob',
      'under the hidden one',
      'under the deleted one',
    ]);
    // Someone blocked by the root's author sees nothing of it.
    await relate(w, alice.token, dave.account.id, 'block');
    assert.equal((await get(w, `/api/v1/statuses/${root.id}/context`, dave.token)).status, 404);
  });

  test('anonymous viewers get at most 60 descendants, signed-in ones the whole thread', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const root = await posted(w, alice.token, { status: 'root' });
    for (let i = 0; i < 62; i++)
      await posted(w, bob.token, { status: `r${i}`, in_reply_to_id: root.id });
    const anonymous = await get<ContextJson>(w, `/api/v1/statuses/${root.id}/context`);
    assert.equal(anonymous.body.descendants.length, 60);
    assert.deepEqual(texts(anonymous.body.descendants).slice(0, 2), ['r0', 'r1']);
    const signedIn = await get<ContextJson>(w, `/api/v1/statuses/${root.id}/context`, bob.token);
    assert.equal(signedIn.body.descendants.length, 62);
  });
});
