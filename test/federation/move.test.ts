/**
 * Account migration: a remote account's Move is taken only when its new account aliases it,
 * then local followers follow the new one; a local account that aliases and moves publishes
 * `alsoKnownAs`/`movedTo` and sends Move to its remote followers.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addAlias } from '../../src/domain/migration/aliases.ts';
import { moveLocalAccount } from '../../src/domain/migration/move-account.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { runOutboxJobs } from '../helpers/jobs.ts';
import { get } from '../helpers/statuses.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { getActivityJson, startWithFakeRemote } from './helpers.ts';
import { moveHosts, moveToNewHome, publishNewHome } from './remote-move.ts';

interface Relationship {
  following: boolean;
  requested: boolean;
}

test('a remote Move is followed when the new account aliases the old one', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  // alice follows the remote account, which accepts.
  await remote.deliver(w, '/inbox', fixture('create-note-cw-mention.json', moveHosts));
  await process();
  const origin = await get<{ id: string }>(
    w,
    '/api/v1/accounts/lookup?acct=mastodon@masto.qa.urbanwildlife.biz',
  );
  await w.request(`/api/v1/accounts/${origin.body.id}/follow`, {
    method: 'POST',
    token: alice.token,
    json: {},
  });
  await remote.deliver(w, '/inbox', fixture('accept-follow.json', moveHosts));
  await process();

  // The new account, first without an alias to the old one.
  publishNewHome(remote, false);
  const move = moveToNewHome();
  await remote.deliver(w, '/inbox', move);
  await process();
  const before = await get<Relationship[]>(
    w,
    `/api/v1/accounts/relationships?id[]=${origin.body.id}`,
    alice.token,
  );
  assert.equal(
    before.body[0]!.following,
    true,
    'a move to an account without the alias is refused',
  );

  // With the alias: alice's follow moves.
  publishNewHome(remote);
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  await remote.deliver(w, '/inbox', { ...move, id: `${remoteActor}#moves/2` });
  await process();
  const target = await get<{ id: string; acct: string }>(
    w,
    '/api/v1/accounts/lookup?acct=newhome@masto.qa.urbanwildlife.biz',
  );
  const relationships = await get<Relationship[]>(
    w,
    `/api/v1/accounts/relationships?id[]=${origin.body.id}&id[]=${target.body.id}`,
    alice.token,
  );
  assert.equal(relationships.body[0]!.following, false);
  assert.equal(relationships.body[1]!.requested, true);
  const old = await get<{ moved?: { acct: string } }>(w, `/api/v1/accounts/${origin.body.id}`);
  assert.equal(old.body.moved?.acct, 'newhome@masto.qa.urbanwildlife.biz');
  const sent = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox'",
  );
  const types = sent.map(
    (r) => (JSON.parse(r.payload) as { activity: { type: string } }).activity.type,
  );
  assert.deepEqual(types.sort(), ['Follow', 'Undo']);
});

test('a local account aliases, moves, publishes it and tells its followers', async (t) => {
  const { remote, w } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
  const carol = await makeUserWithToken(w.deps, { account: { username: 'carol' } });
  await remote.deliver(w, '/users/alice/inbox', fixture('follow.json', moveHosts));
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  await w.request(`/api/v1/accounts/${alice.account.id}/follow`, {
    method: 'POST',
    token: carol.token,
    json: {},
  });
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");

  // bob has not named alice: the move is refused.
  await assert.rejects(moveLocalAccount(w.deps, alice.account, bob.account), /alias/);
  const aliased = await addAlias(w.deps, bob.account, alice.account);
  await moveLocalAccount(w.deps, alice.account, aliased);
  await runOutboxJobs(w);

  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox'",
  );
  const activities = rows.map(
    (r) =>
      (JSON.parse(r.payload) as { activity: { type: string; object: unknown; target?: string } })
        .activity,
  );
  const move = activities.find((a) => a.type === 'Move');
  assert.ok(move, 'Move goes to the remote follower');
  assert.equal(move.object, 'https://woolly.test/users/alice');
  assert.equal(move.target, 'https://woolly.test/users/bob');

  const actor = await getActivityJson(w, '/users/alice');
  assert.equal(actor.body.movedTo, 'https://woolly.test/users/bob');
  const bobActor = await getActivityJson(w, '/users/bob');
  assert.deepEqual([bobActor.body.alsoKnownAs].flat(), ['https://woolly.test/users/alice']);
  const carolFollows = await get<Relationship[]>(
    w,
    `/api/v1/accounts/relationships?id[]=${alice.account.id}&id[]=${bob.account.id}`,
    carol.token,
  );
  assert.deepEqual(
    carolFollows.body.map((r) => r.following),
    [false, true],
  );
  const shown = await get<{ moved?: { username: string } }>(
    w,
    `/api/v1/accounts/${alice.account.id}`,
  );
  assert.equal(shown.body.moved?.username, 'bob');
});
