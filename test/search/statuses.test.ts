/**
 * Full-text search of posts: one table of queries and the ids they find, newest first, run
 * on SQLite (FTS5) and PostgreSQL (tsvector) over the same posts; Mastodon's opt-in rules
 * (indexable authors, or posts the searcher wrote or interacted with); edits, deletions,
 * blocks, pagination.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { assertEntity } from '../helpers/entity-shape.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { act, call, found, optIn, person, say, search } from './helpers.ts';

forEachDatabase((kind) => {
  test('the same queries find the same posts in the same order', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w, { account: { username: 'alice' } });
    const bob = await person(w, { account: { username: 'bob' } });
    const reader = await person(w);
    await optIn(w, alice);
    await optIn(w, bob);
    const posts: Record<string, string> = {};
    const write = async (name: string, who: typeof alice, text: string, extra = {}) => {
      w.clock.advance(1000);
      posts[name] = await say(who, text, extra);
    };
    await write('brulee', alice, 'Crème brûlée for dessert tonight');
    await write('cats', alice, 'Black cats and white cats');
    await write('dogs', bob, 'Dogs are better than cats, sorry');
    await write('phrase', bob, 'The cat is black, the dog is white');
    await write('cw', alice, 'nothing here', { spoiler_text: 'Dessert spoilers' });
    await write('poll', bob, 'Vote now', {
      poll: { options: ['Tea', 'Coffee'], expires_in: 3600 },
    });
    await write('tags', alice, 'Learning #TypeScript today');
    await write('numbers', bob, 'Version 4.2 shipped in 2023');
    const p = (...names: string[]) => names.map((n) => posts[n]!);

    const table: [string, string[]][] = [
      ['cats', p('dogs', 'cats')],
      ['CATS', p('dogs', 'cats')],
      ['cat', p('phrase')],
      ['creme brulee', p('brulee')],
      ['crème', p('brulee')],
      ['dessert', p('cw', 'brulee')],
      ['"black cats"', p('cats')],
      ['"cat is black"', p('phrase')],
      ['"black cat"', []],
      ['cats -dogs', p('cats')],
      ['black white', p('phrase', 'cats')],
      ['coffee', p('poll')],
      ['typescript', p('tags')],
      ['2023', p('numbers')],
      ['4.2', p('numbers')],
      ['cats from:alice', p('cats')],
      ['cats from:bob', p('dogs')],
      ['cats from:nobody', []],
      ['unicorns', []],
      ['!!!', []],
    ];
    for (const [q, expected] of table) {
      assert.deepEqual(await found(w, reader, 'statuses', { q }), expected, q);
    }
    // account_id, limit, offset, max_id and min_id.
    assert.deepEqual(
      await found(w, reader, 'statuses', { q: 'cats', account_id: bob.account.id }),
      p('dogs'),
    );
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'dessert', limit: '1' }), p('cw'));
    assert.deepEqual(
      await found(w, reader, 'statuses', { q: 'dessert', limit: '1', offset: '1' }),
      p('brulee'),
    );
    assert.deepEqual(
      await found(w, reader, 'statuses', { q: 'cats', max_id: posts.dogs! }),
      p('cats'),
    );
    assert.deepEqual(
      await found(w, reader, 'statuses', { q: 'cats', min_id: posts.cats! }),
      p('dogs'),
    );
    const res = await search(w, reader, { q: 'cats' });
    assertEntity(res.body, 'Search');

    // Posts years, months, days and minutes apart (search reads stretches of time, newest
    // first): every page is the same as over one list, whatever the stretches cut.
    const apart: string[] = [];
    for (const gap of [
      0,
      400 * 86_400_000,
      50 * 86_400_000,
      3 * 86_400_000,
      60_000,
      7 * 3_600_000,
    ]) {
      w.clock.advance(gap);
      apart.unshift(await say(alice, `otter number ${apart.length}`));
    }
    w.clock.advance(30 * 86_400_000);
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'otter' }), apart);
    for (const [limit, offset] of [
      ['2', '0'],
      ['2', '3'],
      ['4', '2'],
    ] as const) {
      assert.deepEqual(
        await found(w, reader, 'statuses', { q: 'otter', limit, offset }),
        apart.slice(Number(offset), Number(offset) + Number(limit)),
        `limit ${limit} offset ${offset}`,
      );
    }
    assert.deepEqual(
      await found(w, reader, 'statuses', { q: 'otter', max_id: apart[1]!, min_id: apart[5]! }),
      apart.slice(2, 5),
    );
  });

  test('only indexable authors are found, plus what the searcher wrote or touched', async (t) => {
    const w = await startTestWoolly(t, kind);
    const shy = await person(w);
    const open = await person(w);
    const reader = await person(w);
    await optIn(w, open);
    const shyPost = await say(shy, 'quiet zebra');
    const openPost = await say(open, 'loud zebra');
    const unlisted = await say(open, 'unlisted zebra', { visibility: 'unlisted' });
    const privatePost = await say(open, 'private zebra', { visibility: 'private' });
    const mention = await say(shy, `@${reader.account.username} zebra for you`, {
      visibility: 'direct',
    });

    assert.deepEqual(await found(w, reader, 'statuses', { q: 'zebra' }), [mention, openPost]);
    // The author finds their own posts, whatever they chose.
    assert.deepEqual(await found(w, shy, 'statuses', { q: 'zebra' }), [mention, openPost, shyPost]);
    assert.deepEqual(await found(w, open, 'statuses', { q: 'zebra' }), [
      privatePost,
      unlisted,
      openPost,
    ]);
    // Favouriting, bookmarking or boosting a post makes it findable by whoever did it.
    await act(reader, `/api/v1/statuses/${shyPost}/favourite`);
    await act(reader, `/api/v1/statuses/${unlisted}/bookmark`);
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'zebra' }), [
      mention,
      unlisted,
      openPost,
      shyPost,
    ]);
    // Anonymous searches find no posts; a lone hashtag searches no posts.
    assert.deepEqual(await found(w, null, 'statuses', { q: 'zebra' }), []);
    await say(open, 'about #zebra');
    assert.deepEqual(await found(w, reader, 'statuses', { q: '#zebra' }), []);
  });

  test('edits and deletions reach the index; blocked and muted authors are left out', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const other = await person(w);
    const reader = await person(w);
    await optIn(w, author);
    await optIn(w, other);
    const post = await say(author, 'original words');
    const otherPost = await say(other, 'original too');
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'original' }), [otherPost, post]);
    const edit = await call(w, author, 'PUT', `/api/v1/statuses/${post}`, {
      status: 'rewritten words',
    });
    assert.equal(edit.status, 200);
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'original' }), [otherPost]);
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'rewritten' }), [post]);
    await act(reader, `/api/v1/accounts/${other.account.id}/mute`);
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'original' }), []);
    const deleted = await call(w, author, 'DELETE', `/api/v1/statuses/${post}`);
    assert.equal(deleted.status, 200);
    assert.deepEqual(await found(w, reader, 'statuses', { q: 'rewritten' }), []);
    const count = await w.deps.db.get<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM status_search',
    );
    assert.equal(Number(count?.n), 1);
  });

  test("Mastodon's 401s for anonymous pagination and resolving; resolve finds a post by URL", async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await person(w);
    const reader = await person(w);
    const post = await say(author, 'findable by address');
    const paged = await search(w, null, { q: 'x', offset: '1' });
    assert.equal(paged.status, 401);
    assert.equal(
      paged.body.error,
      'Search queries pagination is not supported without authentication',
    );
    const resolving = await search(w, null, { q: 'x', resolve: 'true' });
    assert.equal(resolving.status, 401);
    assert.equal(
      resolving.body.error,
      'Search queries that resolve remote resources are not supported without authentication',
    );
    const url = `${w.config.baseUrl}/@${author.account.username}/${post}`;
    const byUrl = await search(w, reader, { q: url, resolve: 'true' });
    assert.deepEqual(
      (byUrl.body.statuses as { id: string }[]).map((s) => s.id),
      [post],
    );
    assert.deepEqual(byUrl.body.accounts, []);
    const profile = await search(w, reader, {
      q: `${w.config.baseUrl}/@${author.account.username}`,
      resolve: 'true',
    });
    assert.deepEqual(
      (profile.body.accounts as { id: string }[]).map((a) => a.id),
      [author.account.id],
    );
    const blank = await search(w, reader, { q: ' ' });
    assert.deepEqual(blank.body, { accounts: [], statuses: [], hashtags: [] });
    const badType = await search(w, reader, { q: 'findable', type: 'widgets' });
    assert.deepEqual(badType.body, { accounts: [], statuses: [], hashtags: [] });
  });
});
