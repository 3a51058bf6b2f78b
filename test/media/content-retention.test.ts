/**
 * The content cache retention on a seeded instance, both databases, with the clock moved
 * past the period: the daily `media.retention` job removes the old remote posts no local
 * user has a stake in (with their attachments' files, their remote boosts, feed entries,
 * notifications, search rows and the counters they moved) and keeps those a local user
 * favourited, bookmarked, boosted, replied to, voted in or was mentioned in, and the new ones.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { findAccountById } from '../../src/db/repositories/accounts.ts';
import type { StatusRecord } from '../../src/db/repositories/statuses.ts';
import { authorizeFollowRequest } from '../../src/domain/relationships/authorize-follow.ts';
import { setRetentionSettings } from '../../src/domain/remote-media/retention-settings.ts';
import { createRemoteReblog } from '../../src/domain/statuses/create-remote-reblog.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, relate, send } from '../helpers/statuses.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { jpeg } from './samples.ts';
import { startRemoteFiles } from './remote-server.ts';
import { remoteAccount, remoteJpeg, remotePost, startFetchingWoolly } from './remote-woolly.ts';

const day = 24 * 3600_000;

async function rowsNaming(w: TestWoolly, table: string, column: string, ids: string[]) {
  const row = await w.deps.db.get<{ n: number | string }>(
    `SELECT COUNT(*) AS n FROM ${table} WHERE ${column} IN (${ids.map(() => '?').join(', ')})`,
    ids,
  );
  return Number(row?.n ?? 0);
}

forEachDatabase((kind) => {
  test('content cache retention removes old untouched remote posts, cleanly', async (t) => {
    const files = await startRemoteFiles(t);
    files.files.set('/a.jpg', { body: await jpeg(64, 48), type: 'image/jpeg' });
    const w = await startFetchingWoolly(t, kind);
    const jobs = w.jobs as EmbeddedJobs;
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const author = await remoteAccount(w.deps);
    const booster = await remoteAccount(w.deps);
    await relate(w, alice.token, author.id, 'follow');
    await authorizeFollowRequest(w.deps, author, alice.account);
    // Read once, so that her home feed is built and fanned out to.
    await get(w, '/api/v1/timelines/home', alice.token);

    // Old posts, each with or without a local user's stake in it.
    const plain = await remotePost(w.deps, author, {
      attachments: [remoteJpeg(`${files.base}/a.jpg`)],
    });
    const boost = (boosted: StatusRecord, n: number) =>
      createRemoteReblog(w.deps, {
        uri: `${booster.uri}/boosts/${n}`,
        booster,
        boosted,
        visibility: 'public',
        createdAt: w.deps.clock.now(),
      });
    const boostOfPlain = await boost(plain, 1);
    const faved = await remotePost(w.deps, author);
    const bookmarked = await remotePost(w.deps, author);
    const boosted = await remotePost(w.deps, author);
    const repliedTo = await remotePost(w.deps, author);
    const mentioning = await remotePost(w.deps, author, {
      mentionedAccountIds: [alice.account.id],
    });
    const poll = await remotePost(w.deps, author, {
      poll: {
        options: ['yes', 'no'],
        tallies: [0, 0],
        multiple: false,
        expiresAt: w.deps.clock.now() + 90 * day,
        votersCount: 0,
      },
    });
    const own = await posted(w, alice.token, { status: 'local words' });
    const ownRecord = { ...plain, id: own.id, accountId: alice.account.id, local: true };
    const remoteReply = await remotePost(w.deps, author, { inReplyToUri: own.uri });
    const remoteBoostOfOwn = await boost(ownRecord, 2);
    for (const [path, target] of [
      ['favourite', faved],
      ['bookmark', bookmarked],
      ['reblog', boosted],
    ] as const) {
      assert.equal(
        (await send(w, 'POST', `/api/v1/statuses/${target.id}/${path}`, alice.token)).status,
        200,
      );
    }
    await posted(w, alice.token, { status: 'an answer', in_reply_to_id: repliedTo.id });
    assert.equal(
      (await send(w, 'POST', `/api/v1/polls/${poll.pollId}/votes`, alice.token, { choices: [0] }))
        .status,
      200,
    );
    await jobs.runDue({ queues: ['default', 'pull'] });

    const removed = [plain.id, boostOfPlain!.id, remoteReply.id, remoteBoostOfOwn!.id];
    const kept = [faved, bookmarked, boosted, repliedTo, mentioning, poll].map((s) => s.id);
    assert.equal(await rowsNaming(w, 'feed_entries', 'status_id', [plain.id]), 1);
    const boostNotifications = async () =>
      Number(
        (
          await w.deps.db.get<{ n: number | string }>(
            "SELECT COUNT(*) AS n FROM notifications WHERE type = 'reblog' AND status_id = ?",
            [own.id],
          )
        )?.n,
      );
    assert.equal(await boostNotifications(), 1);
    const shownOwn = async () =>
      (await get<StatusJson>(w, `/api/v1/statuses/${own.id}`, alice.token)).body;
    assert.equal((await shownOwn()).replies_count, 1);
    assert.equal((await shownOwn()).reblogs_count, 1);
    const statusesCount = async (id: string) =>
      (await findAccountById(w.deps.db, id))!.statusesCount;
    const authorPosts = await statusesCount(author.id);
    const stored = await w.deps.media.storage.list('', { limit: 100 });
    assert.ok(stored.length > 0, 'the photo is cached');

    // A month passes with a 30-day retention; a new remote post arrives meanwhile.
    await setRetentionSettings(w.deps, { content_cache_retention_period: 30 });
    await jobs.tick();
    w.clock.advance(31 * day);
    const fresh = await remotePost(w.deps, author);
    await jobs.tick();
    await jobs.runDue({ queues: ['scheduler'] });

    for (const id of removed) {
      assert.equal((await get(w, `/api/v1/statuses/${id}`, alice.token)).status, 404, id);
    }
    for (const id of [...kept, fresh.id, own.id]) {
      assert.equal((await get(w, `/api/v1/statuses/${id}`, alice.token)).status, 200, id);
    }
    assert.equal((await shownOwn()).replies_count, 0);
    assert.equal((await shownOwn()).reblogs_count, 0);
    assert.equal(await statusesCount(author.id), authorPosts + 1 - 2, 'two removed, one new');
    assert.equal(await statusesCount(booster.id), 0);
    assert.equal(await boostNotifications(), 0);
    for (const [table, column] of [
      ['feed_entries', 'status_id'],
      ['feed_entries', 'reblog_of_id'],
      ['notifications', 'status_id'],
      ['media_attachments', 'status_id'],
      ['mentions', 'status_id'],
    ]) {
      assert.equal(await rowsNaming(w, table!, column!, removed), 0, `${table}.${column}`);
    }
    const searchKey = w.deps.db.dialect === 'sqlite' ? 'rowid' : 'status_id';
    assert.equal(await rowsNaming(w, 'status_search', searchKey, removed), 0);
    assert.ok((await rowsNaming(w, 'status_search', searchKey, kept)) > 0);
    assert.deepEqual(await w.deps.media.storage.list('', { limit: 100 }), []);
    const home = await get<{ id: string }[]>(w, '/api/v1/timelines/home', alice.token);
    assert.ok(!home.body.some((s) => removed.includes(s.id)));

    // Unset, nothing more goes.
    await setRetentionSettings(w.deps, { content_cache_retention_period: 0 });
    w.clock.advance(60 * day);
    await jobs.tick();
    await jobs.runDue({ queues: ['scheduler'] });
    assert.equal((await get(w, `/api/v1/statuses/${fresh.id}`, alice.token)).status, 200);
  });
});
