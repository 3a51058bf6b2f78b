/**
 * Streams show what the REST API would: muted and blocked authors, private posts to
 * non-followers and direct posts to people not mentioned never reach a stream. Each case ends
 * with a visible post the reader must get, so "not delivered" is checked after delivery
 * happened, not after an arbitrary wait alone.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  about,
  forEachShape,
  openSocket,
  person,
  post,
  type Reader,
  startStreamingWoolly,
  subscribed,
} from './helpers.ts';

/** Waits for `sentinel`, then a little longer, and checks none of `hidden` came. */
async function neverGot(reader: Reader, hidden: string[], sentinel: string): Promise<void> {
  await reader.next(about('update', sentinel));
  await new Promise((r) => setTimeout(r, 100));
  for (const id of hidden) {
    assert.ok(!reader.frames.some(about('update', id)), `post ${id} was delivered`);
  }
}

forEachShape((shape) => {
  test('muted and blocking authors are left out of the public stream', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, bob, carol, dave] = [
      await person(w),
      await person(w),
      await person(w),
      await person(w),
    ];
    assert.equal((await bob.api.post(`/api/v1/accounts/${alice.account.id}/mute`)).status, 200);
    assert.equal((await carol.api.post(`/api/v1/accounts/${bob.account.id}/block`)).status, 200);
    const reader = await openSocket(w, `?stream=public&access_token=${bob.token}`);
    const other = await openSocket(w, `?stream=public&access_token=${dave.token}`);
    await subscribed(w, 'public', 2);

    const muted = await post(w, alice, { status: 'muted by bob' });
    const blocking = await post(w, carol, { status: 'carol blocks bob' });
    const mentioningMuted = await post(w, dave, {
      status: `hey @${alice.account.username}`,
    });
    const sentinel = await post(w, dave, { status: 'everyone sees this' });
    await neverGot(reader, [muted.id, blocking.id, mentioningMuted.id], sentinel.id);
    // Others still get them.
    await other.next(about('update', muted.id));
    await other.next(about('update', blocking.id));
    reader.close();
    other.close();
  });

  test('private, unlisted and direct posts stay off the public streams; homes follow the audience', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, follower, stranger] = [await person(w), await person(w), await person(w)];
    assert.equal(
      (await follower.api.post(`/api/v1/accounts/${alice.account.id}/follow`)).status,
      200,
    );
    const pub = await openSocket(w, `?stream=public&access_token=${stranger.token}`);
    const tag = await openSocket(w, `?stream=hashtag&tag=news&access_token=${stranger.token}`);
    const home = await openSocket(w, `?stream=user&access_token=${follower.token}`);
    const strangerHome = await openSocket(w, `?stream=user&access_token=${stranger.token}`);
    await subscribed(w, 'public');
    await subscribed(w, 'hashtag:news');
    await subscribed(w, `home:${follower.account.id}`);
    await subscribed(w, `home:${stranger.account.id}`);

    const priv = await post(w, alice, { status: 'followers #news', visibility: 'private' });
    const unlisted = await post(w, alice, { status: 'quiet #news', visibility: 'unlisted' });
    const direct = await post(w, alice, {
      status: `psst @${follower.account.username} #news`,
      visibility: 'direct',
    });
    const sentinel = await post(w, alice, { status: 'loud #news' });

    await neverGot(pub, [priv.id, unlisted.id, direct.id], sentinel.id);
    await neverGot(tag, [priv.id, unlisted.id, direct.id], sentinel.id);
    // The follower's home has all of them (the direct post mentions the follower).
    for (const id of [priv.id, unlisted.id, direct.id, sentinel.id]) {
      await home.next(about('update', id));
    }
    // The stranger follows nobody: nothing of alice's in that home.
    const own = await post(w, stranger, { status: 'my own' });
    await neverGot(strangerHome, [priv.id, unlisted.id, direct.id, sentinel.id], own.id);
    for (const r of [pub, tag, home, strangerHome]) r.close();
  });

  test('a deletion reaches only the streams that could have shown the post', async (t) => {
    const w = await startStreamingWoolly(t, shape);
    const [alice, stranger] = [await person(w), await person(w)];
    const pub = await openSocket(w, `?stream=public&access_token=${stranger.token}`);
    await subscribed(w, 'public');
    const priv = await post(w, alice, { status: 'secret', visibility: 'private' });
    assert.equal((await alice.api.delete(`/api/v1/statuses/${priv.id}`)).status, 200);
    const sentinel = await post(w, alice, { status: 'public' });
    await pub.next(about('update', sentinel.id));
    assert.equal((await alice.api.delete(`/api/v1/statuses/${sentinel.id}`)).status, 200);
    await pub.next(about('delete', sentinel.id));
    assert.ok(!pub.frames.some(about('delete', priv.id)), 'the private deletion leaked');
    pub.close();
  });
});
