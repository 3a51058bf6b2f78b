/**
 * `woolly feeds clear` drops every precomputed feed and `woolly feeds build [--account NAME]`
 * builds them again, run as an operator would run them, against a database with posts.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { Woolly } from '../../src/app.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { followAccount } from '../../src/domain/relationships/follow.ts';
import { buildFeeds } from '../../src/domain/timelines/rebuild-feeds.ts';
import { postStatus, type NewStatus } from '../../src/domain/statuses/create-status.ts';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { makeAccount } from '../helpers/factories.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { forEachDatabase } from '../helpers/woolly.ts';

async function post(w: Woolly, author: AccountRecord, text: string): Promise<string> {
  const input: NewStatus = {
    text,
    spoilerText: null,
    sensitive: null,
    visibility: 'public',
    language: 'en',
    inReplyToId: null,
    quotedStatusId: null,
    quoteApprovalPolicy: null,
    mediaIds: null,
    poll: null,
    scheduledAt: null,
    contentType: null,
    localOnly: null,
    allowedMentions: null,
    applicationId: null,
    idempotencyKey: null,
  };
  const result = await postStatus(w.deps, { account: author, user: null }, input);
  if (result.kind !== 'status') throw new Error('expected a status');
  return result.status.id;
}

async function feedOf(w: Woolly, account: AccountRecord): Promise<string[]> {
  const rows = await w.deps.db.all<{ status_id: string | number }>(
    'SELECT status_id FROM feed_entries WHERE account_id = ? ORDER BY status_id DESC',
    [account.id],
  );
  return rows.map((r) => String(r.status_id));
}

async function count(w: Woolly, table: string): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row?.n);
}

async function setUp(t: TestContext, kind: 'sqlite' | 'postgres') {
  const db = await cliDatabase(t, kind);
  const w = await inspect(t, db);
  const alice = (await makeAccount(w.deps, { username: 'alice' })).account;
  const bob = (await makeAccount(w.deps, { username: 'bob' })).account;
  await followAccount(w.deps, alice, bob);
  await followAccount(w.deps, bob, alice);
  // Feeds are written to once built (as on first read); the posts then reach them by fan-out.
  await buildFeeds(w.deps, null);
  const posts = [
    await post(w, bob, 'one'),
    await post(w, alice, 'two'),
    await post(w, bob, 'three'),
  ];
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['default'] });
  return { db, w, alice, bob, posts };
}

forEachDatabase((kind) => {
  test('feeds clear drops every feed; feeds build --account builds one again', async (t) => {
    const { db, w, alice, bob, posts } = await setUp(t, kind);
    const newest = [...posts].reverse();
    assert.deepEqual(await feedOf(w, alice), newest);

    const clear = await runWoolly(db, ['feeds', 'clear']);
    assert.equal(clear.code, 0, clear.stderr);
    assert.deepEqual(clear.lines, ['OK']);
    assert.equal(await count(w, 'feed_entries'), 0);
    assert.equal(await count(w, 'home_feeds'), 0);

    const one = await runWoolly(db, ['feeds', 'build', '--account', 'alice']);
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(one.lines, ['OK: built the feeds of 1 account']);
    assert.deepEqual(await feedOf(w, alice), newest);
    assert.deepEqual(await feedOf(w, bob), []);

    const all = await runWoolly(db, ['feeds', 'build']);
    assert.equal(all.code, 0, all.stderr);
    assert.deepEqual(all.lines, ['OK: built the feeds of 2 accounts']);
    assert.deepEqual(await feedOf(w, bob), newest);
    assert.equal(await count(w, 'home_feeds'), 2);
  });

  test('feeds refuses what it does not know', async (t) => {
    const db = await cliDatabase(t, kind);
    const missing = await runWoolly(db, ['feeds', 'build', '--account', 'nobody']);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /no local account "nobody"/);
    const action = await runWoolly(db, ['feeds', 'rebuild']);
    assert.equal(action.code, 2);
    assert.match(action.stderr, /unknown action "rebuild"/);
    const option = await runWoolly(db, ['feeds', 'clear', '--account', 'alice']);
    assert.equal(option.code, 2);
  });
});
