/**
 * Local emoji reactions through Pleroma's API: PUT and DELETE
 * /api/v1/pleroma/statuses/:id/reactions/:emoji answer with the status and its
 * `pleroma.emoji_reactions`, GET lists the local reactors, and the author is notified
 * (`pleroma:emoji_reaction`) until the last reaction is taken back.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertCustomEmoji } from '../../src/db/repositories/custom-emojis.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { runJobs } from '../notifications/helpers.ts';
import { person, post, recordEvents, type Person } from '../relationships/helpers.ts';

interface Reaction {
  name: string;
  count: number;
  me: boolean;
  url?: string;
  accounts?: { acct: string }[];
}

async function call(w: TestWoolly, method: string, path: string, who?: Person | string) {
  const token = typeof who === 'string' ? who : who?.token;
  const res = await w.request(path, { method, token });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const reactionsOf = (body: Record<string, unknown>) =>
  ((body.pleroma as { emoji_reactions?: Reaction[] } | undefined)?.emoji_reactions ?? []).map(
    (r) => [r.name, r.count, r.me, r.url ?? null],
  );

async function addEmoji(w: TestWoolly, shortcode: string, domain: string | null) {
  const host = domain ?? 'woolly.test';
  await insertCustomEmoji(w.deps.db, {
    id: w.deps.ids.next(),
    shortcode,
    domain,
    uri: domain ? `https://${domain}/emojis/${shortcode}` : null,
    imageUrl: `https://${host}/emoji/${shortcode}.png`,
    staticUrl: `https://${host}/emoji/${shortcode}.png`,
    category: null,
    visibleInPicker: true,
    disabled: false,
    createdAt: w.clock.now(),
    updatedAt: w.clock.now(),
  });
}

forEachDatabase((kind) => {
  test('PUT and DELETE reactions answer with the status; the author is notified', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const status = await post(w, alice, 'react to me');
    const path = (emoji: string) =>
      `/api/v1/pleroma/statuses/${status.id}/reactions/${encodeURIComponent(emoji)}`;
    const reacted = recordEvents(w, 'status.reacted');
    const unreacted = recordEvents(w, 'status.unreacted');
    await addEmoji(w, 'blobcat', null);
    await addEmoji(w, 'blobfox', 'remote.example');

    const first = await call(w, 'PUT', path('🎉'), bob);
    assert.equal(first.status, 200);
    assert.equal(first.body.id, status.id);
    assert.deepEqual(reactionsOf(first.body), [['🎉', 1, true, null]]);
    // Twice with one emoji is one reaction, and one event.
    const again = await call(w, 'PUT', path('🎉'), bob);
    assert.deepEqual(reactionsOf(again.body), [['🎉', 1, true, null]]);
    assert.equal(reacted.length, 1);
    assert.deepEqual(
      { ...reacted[0], reactionId: undefined },
      {
        reactionId: undefined,
        statusId: status.id,
        accountId: bob.account.id,
        targetAccountId: alice.account.id,
        name: '🎉',
        emojiDomain: null,
      },
    );

    // A text-style heart is the same reaction as the emoji-style one.
    await call(w, 'PUT', path('\u2764'), alice);
    await call(w, 'PUT', path('\u2764\uFE0F'), bob);
    // Local custom emojis with or without colons, a remote one as shortcode@domain.
    await call(w, 'PUT', path(':blobcat:'), bob);
    const custom = await call(w, 'PUT', path('blobfox@remote.example'), alice);
    assert.equal(custom.status, 200);
    assert.deepEqual(reactionsOf(custom.body), [
      ['🎉', 1, false, null],
      ['\u2764\uFE0F', 2, true, null],
      ['blobcat', 1, false, 'https://woolly.test/emoji/blobcat.png'],
      ['blobfox', 1, true, 'https://remote.example/emoji/blobfox.png'],
    ]);
    // A bare shortcode the post already has from another server joins that reaction.
    const joined = await call(w, 'PUT', path('blobfox'), bob);
    assert.deepEqual(reactionsOf(joined.body).at(-1), [
      'blobfox',
      2,
      true,
      'https://remote.example/emoji/blobfox.png',
    ]);

    // GET lists the local reactors, `me` for the caller.
    const listed = await call(w, 'GET', `/api/v1/pleroma/statuses/${status.id}/reactions`, bob);
    const list = listed.body as unknown as Reaction[];
    assert.deepEqual(
      list.map((r) => [r.name, r.count, r.me, r.accounts!.map((a) => a.acct)]),
      [
        ['🎉', 1, true, [bob.account.username]],
        ['\u2764\uFE0F', 2, true, [alice.account.username, bob.account.username]],
        ['blobcat', 1, true, [bob.account.username]],
        ['blobfox', 2, true, [alice.account.username, bob.account.username]],
      ],
    );
    const one = await call(w, 'GET', `${path('🎉')}`);
    assert.deepEqual(
      (one.body as unknown as Reaction[]).map((r) => [r.name, r.count, r.me]),
      [['🎉', 1, false]],
    );

    // Alice hears of bob's reactions: one notification from him, showing his latest emoji.
    await runJobs(w);
    const notes = await call(w, 'GET', '/api/v1/notifications', alice);
    const reactionNotes = (notes.body as unknown as Record<string, unknown>[]).filter(
      (n) => n.type === 'pleroma:emoji_reaction',
    );
    assert.deepEqual(
      reactionNotes.map((n) => [
        (n.account as { id: string }).id,
        (n.status as { id: string }).id,
        n.emoji,
        n.emoji_url ?? null,
      ]),
      [[bob.account.id, status.id, ':blobfox:', 'https://remote.example/emoji/blobfox.png']],
    );
    // Her own reactions notify nobody.
    assert.equal(reactionNotes.length, 1);

    // DELETE takes one back; the notification stays while bob has others.
    const removed = await call(w, 'DELETE', path('🎉'), bob);
    assert.equal(removed.status, 200);
    assert.deepEqual(
      reactionsOf(removed.body).map((r) => r[0]),
      ['\u2764\uFE0F', 'blobcat', 'blobfox'],
    );
    assert.equal(unreacted.length, 1);
    assert.equal(unreacted[0]!.reactionId, reacted[0]!.reactionId);
    const twice = await call(w, 'DELETE', path('🎉'), bob);
    assert.equal(twice.status, 200);
    assert.equal(unreacted.length, 1);
    for (const emoji of ['\u2764', ':blobcat:', 'blobfox']) {
      assert.equal((await call(w, 'DELETE', path(emoji), bob)).status, 200);
    }
    await runJobs(w);
    const after = await call(w, 'GET', '/api/v1/notifications', alice);
    assert.deepEqual(
      (after.body as unknown as { type: string }[]).filter(
        (n) => n.type === 'pleroma:emoji_reaction',
      ),
      [],
    );
    const left = await call(w, 'GET', `/api/v1/statuses/${status.id}`, bob);
    assert.deepEqual(reactionsOf(left.body), [
      ['\u2764\uFE0F', 1, false, null],
      ['blobfox', 1, false, 'https://remote.example/emoji/blobfox.png'],
    ]);
  });

  test('reactions: what is no emoji is a 400, an unseen post a 404, scopes as Pleroma', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    const open = await post(w, alice, 'open');
    const closed = await post(w, alice, 'followers only', { visibility: 'private' });
    const path = (id: string, emoji: string) =>
      `/api/v1/pleroma/statuses/${id}/reactions/${encodeURIComponent(emoji)}`;
    const cannot = { error: 'Could not add reaction emoji' };
    for (const emoji of ['not an emoji', 'ab', ':no_such_emoji:', 'x@nowhere.example', '🎉🎉']) {
      const res = await call(w, 'PUT', path(open.id, emoji), bob);
      assert.deepEqual([emoji, res.status, res.body], [emoji, 400, cannot]);
    }
    assert.deepEqual((await call(w, 'DELETE', path(open.id, 'not an emoji'), bob)).body, {
      error: 'Could not remove reaction emoji',
    });

    const notFound = { error: 'Record not found' };
    for (const method of ['PUT', 'DELETE', 'GET']) {
      const res = await call(w, method, path(closed.id, '🎉'), bob);
      assert.deepEqual([method, res.status, res.body], [method, 404, notFound]);
    }
    assert.equal((await call(w, 'PUT', path('99999999', '🎉'), bob)).status, 404);
    // Its author may react to it.
    assert.equal((await call(w, 'PUT', path(closed.id, '🎉'), alice)).status, 200);

    assert.equal((await call(w, 'PUT', path(open.id, '🎉'))).status, 401);
    const reader = await person(w, { scopes: ['read'] });
    const refused = await call(w, 'PUT', path(open.id, '🎉'), reader);
    assert.deepEqual(refused, {
      status: 403,
      body: { error: 'This action is outside the authorized scopes' },
    });
    const writer = await person(w, { scopes: ['write:statuses'] });
    assert.equal((await call(w, 'PUT', path(open.id, '🎉'), writer)).status, 200);
    assert.equal((await call(w, 'DELETE', path(open.id, '🎉'), writer)).status, 200);
    const rows = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM status_reactions');
    assert.equal(Number(rows?.n), 1);
  });
});
