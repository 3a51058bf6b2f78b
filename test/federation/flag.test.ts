/**
 * Reports across servers: a Flag from another server becomes a report (once, without the
 * posts that are not the target's, never from a server whose reports are refused), and a
 * local report asked to be forwarded goes out as a Flag from the instance actor.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blockDomain } from '../../src/domain/domain-blocks/block-domain.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, send } from '../helpers/statuses.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

test('Flags come in as reports and forwarded reports go out as Flags', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
  const post = await posted(w, alice.token, { status: 'reported' });
  const other = await posted(w, bob.token, { status: 'not alice’s' });
  const flag = fixture('flag.json', {
    'https://mastodon.example/actor': remoteActor,
    'https://mastodon.example/ccb4f39a': 'https://masto.qa.urbanwildlife.biz/ccb4f39a',
    'https://example.com/users/1': 'https://woolly.test/users/alice',
    'https://example.com/posts/380590': post.uri,
    'https://example.com/posts/380591': other.uri,
  });
  assert.equal((await remote.deliver(w, '/inbox', flag)).status, 202);
  await remote.deliver(w, '/inbox', flag);
  await process();
  const reports = await w.deps.db.all<{
    account_id: string | number;
    target_account_id: string | number;
    status_ids: string;
    comment: string;
    uri: string;
  }>('SELECT * FROM reports');
  assert.equal(reports.length, 1, 'one report per Flag, however often delivered');
  assert.equal(String(reports[0]!.target_account_id), alice.account.id);
  assert.deepEqual(JSON.parse(reports[0]!.status_ids), [post.id]);
  assert.equal(reports[0]!.comment, 'Please take a look at this user and their posts');
  assert.equal(reports[0]!.uri, flag.id);
  const reporter = String(reports[0]!.account_id);

  // A server whose reports are refused: its Flags change nothing.
  await blockDomain(w.deps, 'masto.qa.urbanwildlife.biz', {
    severity: 'noop',
    rejectReports: true,
  });
  await remote.deliver(w, '/inbox', { ...flag, id: `${String(flag.id)}-2` });
  await process();
  const count = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM reports');
  assert.equal(Number(count?.n), 1);

  // alice reports the remote account and asks to forward: a Flag from the instance actor.
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  const remoteAccount = await get<{ id: string }>(w, `/api/v1/accounts/${reporter}`);
  const report = await send(w, 'POST', '/api/v1/reports', alice.token, {
    account_id: remoteAccount.body.id,
    comment: 'spam',
    forward: true,
  });
  assert.equal(report.status, 200);
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox'",
  );
  assert.equal(rows.length, 1);
  const { activity } = JSON.parse(rows[0]!.payload) as {
    activity: { type: string; actor: string; content: string; object: string };
  };
  assert.equal(activity.type, 'Flag');
  assert.equal(activity.actor, 'https://woolly.test/actor');
  assert.equal(activity.content, 'spam');
  assert.equal(activity.object, remoteActor);

  // Not forwarded: nothing leaves.
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  await send(w, 'POST', '/api/v1/reports', alice.token, { account_id: remoteAccount.body.id });
  const none = await w.deps.db.get<{ n: number }>(
    "SELECT COUNT(*) AS n FROM jobs WHERE name = 'fedify.outbox'",
  );
  assert.equal(Number(none?.n), 0);
});
