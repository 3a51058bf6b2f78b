/**
 * The public and hashtag timelines (Mastodon's PublicFeed and TagFeed), and id pagination
 * with `Link` headers on the home timeline.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { remoteAccount } from '../relationships/helpers.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, client, home, person, remotePost, say, timeline } from './helpers.ts';

/** An image attached to a post, as the media service stores a processed upload. */
async function attachMedia(w: TestWoolly, statusId: string, accountId: string): Promise<void> {
  await w.deps.db.run(
    `INSERT INTO media_attachments (id, account_id, status_id, type, processing, created_at, updated_at)
     VALUES (?, ?, ?, 'image', 'complete', ?, ?)`,
    [w.deps.ids.next(), accountId, statusId, w.clock.now(), w.clock.now()],
  );
}

forEachDatabase((kind) => {
  test('public timeline: public posts, no boosts, no replies to others, local and remote', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const far = await remoteAccount(w);
    const pub = await say(alice, 'public');
    await say(alice, 'unlisted', { visibility: 'unlisted' });
    await say(alice, 'private', { visibility: 'private' });
    const localOnly = await say(alice, 'only here', { local_only: true });
    const thread = await say(alice, 'thread', { in_reply_to_id: pub });
    await say(bob, 'a reply to alice', { in_reply_to_id: pub });
    await act(bob, `/api/v1/statuses/${pub}/reblog`);
    const remote = (await remotePost(w, far)).id;

    assert.deepEqual(await timeline(w, bob, '/api/v1/timelines/public'), [
      remote,
      thread,
      localOnly,
      pub,
    ]);
    // Anonymous readers never see local-only posts.
    assert.deepEqual(await timeline(w, null, '/api/v1/timelines/public'), [remote, thread, pub]);
    assert.deepEqual(await timeline(w, bob, '/api/v1/timelines/public?local=true'), [
      thread,
      localOnly,
      pub,
    ]);
    assert.deepEqual(await timeline(w, bob, '/api/v1/timelines/public?remote=true'), [remote]);
    assert.deepEqual(await timeline(w, bob, '/api/v1/timelines/public?only_media=true'), []);
    await attachMedia(w, thread, alice.account.id);
    assert.deepEqual(await timeline(w, bob, '/api/v1/timelines/public?only_media=true'), [thread]);
  });

  test('public timeline leaves out blocked, muted and domain-blocked authors', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const blocked = await person(w);
    const muted = await person(w);
    const fine = await person(w);
    const far = await remoteAccount(w, { domain: 'far.example' });
    await say(blocked, 'x');
    await say(muted, 'y');
    await remotePost(w, far);
    const kept = await say(fine, 'z');
    await act(reader, `/api/v1/accounts/${blocked.account.id}/block`);
    await act(reader, `/api/v1/accounts/${muted.account.id}/mute`);
    await act(reader, '/api/v1/domain_blocks', { domain: 'far.example' });
    assert.deepEqual(await timeline(w, reader, '/api/v1/timelines/public'), [kept]);
  });

  test('public and hashtag timelines keep to the languages the reader chose', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const author = await person(w);
    const english = await say(author, 'hello #greeting', { language: 'en' });
    const german = await say(author, 'hallo #greeting', { language: 'de' });
    assert.deepEqual(await timeline(w, reader, '/api/v1/timelines/public'), [german, english]);
    await w.deps.db.run('UPDATE users SET chosen_languages = ? WHERE account_id = ?', [
      JSON.stringify(['de']),
      reader.account.id,
    ]);
    assert.deepEqual(await timeline(w, reader, '/api/v1/timelines/public'), [german]);
    assert.deepEqual(await timeline(w, reader, '/api/v1/timelines/tag/greeting'), [german]);
    assert.deepEqual(await timeline(w, null, '/api/v1/timelines/tag/greeting'), [german, english]);
  });

  test('tag timeline: any[], all[], none[], local', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const far = await remoteAccount(w);
    const cats = await say(alice, '#cats');
    const catsDogs = await say(alice, '#cats #dogs');
    const dogs = await say(alice, '#dogs');
    const birds = await say(alice, '#birds');
    await say(alice, '#cats unlisted', { visibility: 'unlisted' });
    const reply = await say(alice, '#cats in a reply', { in_reply_to_id: birds });
    const remote = (await remotePost(w, far)).id;
    await w.deps.db.run(
      `INSERT INTO statuses_tags (status_id, tag_id) SELECT ?, id FROM tags WHERE name = 'cats'`,
      [remote],
    );
    const tag = (q: string) => timeline(w, alice, `/api/v1/timelines/tag/cats${q}`);
    assert.deepEqual(await tag(''), [remote, reply, catsDogs, cats]);
    assert.deepEqual(await tag('?local=true'), [reply, catsDogs, cats]);
    assert.deepEqual(await tag('?remote=true'), [remote]);
    assert.deepEqual(await tag('?any[]=dogs&any[]=birds'), [
      remote,
      reply,
      birds,
      dogs,
      catsDogs,
      cats,
    ]);
    assert.deepEqual(await tag('?all[]=dogs'), [catsDogs]);
    assert.deepEqual(await tag('?none[]=dogs'), [remote, reply, cats]);
    assert.deepEqual(await tag('?all[]=nobodyusedthis'), []);
    await attachMedia(w, catsDogs, alice.account.id);
    assert.deepEqual(await tag('?only_media=true'), [catsDogs]);
    assert.deepEqual(await timeline(w, alice, '/api/v1/timelines/tag/CATS?none[]=dogs'), [
      remote,
      reply,
      cats,
    ]);
    assert.deepEqual(await timeline(w, null, '/api/v1/timelines/tag/nobodyusedthis'), []);
  });

  test('home timeline pages by id with Link headers (max_id, since_id, min_id)', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const author = await person(w);
    await act(reader, `/api/v1/accounts/${author.account.id}/follow`);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await say(author, `post ${i}`));
    const newest = [...ids].reverse();
    assert.deepEqual(await home(w, reader), newest);

    const first = await reader.api.get('/api/v1/timelines/home?limit=2');
    assert.deepEqual(
      first.list.map((s) => s.id),
      newest.slice(0, 2),
    );
    const next = /<([^>]+)>; rel="next"/.exec(first.link ?? '')?.[1];
    const prev = /<([^>]+)>; rel="prev"/.exec(first.link ?? '')?.[1];
    assert.equal(new URL(next!).searchParams.get('max_id'), newest[1]);
    assert.equal(new URL(prev!).searchParams.get('min_id'), newest[0]);
    const second = await reader.api.get(new URL(next!).pathname + new URL(next!).search);
    assert.deepEqual(
      second.list.map((s) => s.id),
      newest.slice(2, 4),
    );
    // min_id reads forward from the oldest, still answered newest first.
    const forward = await reader.api.get(`/api/v1/timelines/home?min_id=${ids[0]}&limit=2`);
    assert.deepEqual(
      forward.list.map((s) => s.id),
      [ids[2], ids[1]],
    );
    const since = await reader.api.get(`/api/v1/timelines/home?since_id=${ids[2]}`);
    assert.deepEqual(
      since.list.map((s) => s.id),
      [ids[4], ids[3]],
    );
    const empty = await reader.api.get(`/api/v1/timelines/home?max_id=${ids[0]}`);
    assert.deepEqual(empty.list, []);
    assert.equal(empty.link, null);
  });

  test('a page is filled past entries the reader may no longer see', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const loud = await person(w);
    const quiet = await person(w);
    await act(reader, `/api/v1/accounts/${loud.account.id}/follow`);
    await act(reader, `/api/v1/accounts/${quiet.account.id}/follow`);
    const kept: string[] = [];
    for (let i = 0; i < 3; i++) kept.push(await say(quiet, `q${i}`));
    for (let i = 0; i < 60; i++) await say(loud, `l${i}`);
    assert.equal((await home(w, reader, '?limit=3')).length, 3);
    await act(reader, `/api/v1/accounts/${loud.account.id}/mute`);
    assert.deepEqual(await home(w, reader, '?limit=3'), [...kept].reverse());
  });

  test('home needs a user token with read:statuses', async (t) => {
    const w = await startTestWoolly(t, kind);
    assert.equal((await client(w).get('/api/v1/timelines/home')).status, 401);
    const writer = await person(w, { scopes: ['write'] });
    assert.equal((await writer.api.get('/api/v1/timelines/home')).status, 403);
  });
});
