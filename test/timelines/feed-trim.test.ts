/**
 * A home feed keeps its newest 800 entries: fan-out trims a full feed now and then (one
 * insertion in sixteen), so a reader whose feed is full finds the oldest posts gone from it
 * once new posts arrived, and the newest ones there.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { insertFeedEntries } from '../../src/db/repositories/feed-entries.ts';
import { insertStatus, type StatusRecord } from '../../src/db/repositories/statuses.ts';
import { maxFeedEntries } from '../../src/domain/timelines/feed-size.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, home, person, say, type Person } from './helpers.ts';

/** `n` older posts of `author`, already in `reader`'s feed as fan-out would have put them. */
async function seedFullFeed(w: TestWoolly, author: Person, reader: Person, n: number) {
  const now = w.clock.now();
  const ids: string[] = [];
  await w.deps.db.transaction(async (tx) => {
    for (let i = 0; i < n; i++) {
      const id = w.deps.ids.next();
      ids.push(id);
      const status: StatusRecord = {
        id,
        accountId: author.account.id,
        uri: `https://woolly.test/users/${author.account.username}/statuses/${id}`,
        url: null,
        local: true,
        localOnly: false,
        visibility: 'public',
        text: `old ${i}`,
        contentType: 'text/plain',
        content: `<p>old ${i}</p>`,
        spoilerText: '',
        sensitive: false,
        language: 'en',
        inReplyToId: null,
        inReplyToAccountId: null,
        reblogOfId: null,
        quoteOfId: null,
        quoteState: null,
        quoteApprovalPolicy: 'public',
        conversationId: null,
        applicationId: null,
        pollId: null,
        repliesCount: 0,
        reblogsCount: 0,
        favouritesCount: 0,
        quotesCount: 0,
        editedAt: null,
        deletedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await insertStatus(tx, status);
    }
    await insertFeedEntries(
      tx,
      'home',
      ids.map((id) => ({
        feedId: reader.account.id,
        statusId: id,
        authorId: author.account.id,
        reblogOfId: null,
      })),
    );
  });
  return ids;
}

async function feedSize(w: TestWoolly, reader: Person): Promise<number> {
  const row = await w.deps.db.get<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM feed_entries WHERE account_id = ?',
    [reader.account.id],
  );
  return Number(row?.n);
}

forEachDatabase((kind) => {
  test('a full home feed loses its oldest posts as new ones are fanned out to it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const reader = await person(w);
    const author = await person(w);
    await act(reader, `/api/v1/accounts/${author.account.id}/follow`);
    assert.deepEqual(await home(w, reader), []);
    const old = await seedFullFeed(w, author, reader, maxFeedEntries + 5);
    const oldest = old[0]!;

    // Posts arrive until one of them trims the feed (one insertion in sixteen does).
    const posted: string[] = [];
    while ((await feedSize(w, reader)) > maxFeedEntries) {
      assert.ok(posted.length < 200, 'a feed over its cap is trimmed');
      posted.push(await say(author, `new ${posted.length}`));
      await home(w, reader);
    }
    assert.equal(await feedSize(w, reader), maxFeedEntries);
    const newest = await home(w, reader, '?limit=3');
    assert.deepEqual(newest, posted.slice(-3).reverse());
    // The oldest posts left the feed; the ones after the cut are still there.
    const kept = old.slice(old.length - (maxFeedEntries - posted.length));
    const beyond = await home(w, reader, `?max_id=${kept[0]}&limit=40`);
    assert.deepEqual(beyond, []);
    const edge = await home(w, reader, `?max_id=${kept[1]}&limit=40`);
    assert.deepEqual(edge, [kept[0]]);
    assert.ok(!old.slice(0, old.length - kept.length).includes(edge[0]!));
    assert.notEqual(edge[0], oldest);
  });
});
