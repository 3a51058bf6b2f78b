/**
 * A remote account moves: besides the follows, local accounts' blocks and mutes of the old
 * account carry over to the new one (with a private note saying why), and the follower's
 * lists hold the new account instead of the old one (Mastodon's MoveWorker).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, send } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';
import { moveHosts, moveToNewHome, publishNewHome } from './remote-move.ts';

interface Relationship {
  id: string;
  following: boolean;
  requested: boolean;
  blocking: boolean;
  muting: boolean;
  muting_notifications: boolean;
  note: string;
}

forEachDatabase((kind) => {
  test('blocks, mutes and list places follow a moved account', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const carol = await makeUserWithToken(w.deps, { account: { username: 'carol' } });
    await remote.deliver(w, '/inbox', fixture('create-note-cw-mention.json', moveHosts));
    await process();
    const origin = await get<{ id: string }>(
      w,
      '/api/v1/accounts/lookup?acct=mastodon@masto.qa.urbanwildlife.biz',
    );
    const old = origin.body.id;
    // alice follows the old account (accepted) and keeps it in a list.
    await send(w, 'POST', `/api/v1/accounts/${old}/follow`, alice.token, {});
    await remote.deliver(w, '/inbox', fixture('accept-follow.json', moveHosts));
    await process();
    const list = await send<{ id: string }>(w, 'POST', '/api/v1/lists', alice.token, {
      title: 'people',
    });
    const added = await send(w, 'POST', `/api/v1/lists/${list.body.id}/accounts`, alice.token, {
      account_ids: [old],
    });
    assert.equal(added.status, 200);
    // bob blocks it; carol mutes it for an hour, notifications still shown.
    assert.equal(
      (await send(w, 'POST', `/api/v1/accounts/${old}/block`, bob.token, {})).status,
      200,
    );
    const muted = await send(w, 'POST', `/api/v1/accounts/${old}/mute`, carol.token, {
      notifications: false,
      duration: 3600,
    });
    assert.equal(muted.status, 200);

    // The new account names the old one; the Move arrives.
    publishNewHome(remote);
    const move = moveToNewHome();
    assert.equal((await remote.deliver(w, '/inbox', move)).status, 202);
    await process();

    const target = await get<{ id: string }>(
      w,
      '/api/v1/accounts/lookup?acct=newhome@masto.qa.urbanwildlife.biz',
    );
    const moved = target.body.id;
    const relationship = async (token: string) =>
      (await get<Relationship[]>(w, `/api/v1/accounts/relationships?id[]=${moved}`, token))
        .body[0]!;
    const forBob = await relationship(bob.token);
    assert.equal(forBob.blocking, true);
    assert.equal(
      forBob.note,
      'This user moved from mastodon@masto.qa.urbanwildlife.biz, which you had blocked.',
    );
    const forCarol = await relationship(carol.token);
    assert.equal(forCarol.muting, true);
    assert.equal(forCarol.muting_notifications, false);
    assert.match(forCarol.note, /which you had muted/);
    const mute = await w.deps.db.get<{ expires_at: number | string | null }>(
      'SELECT expires_at FROM mutes WHERE account_id = ? AND target_account_id = ?',
      [carol.account.id, moved],
    );
    assert.equal(Number(mute?.expires_at), w.clock.now() + 3_600_000, 'the hour left carries over');
    const forAlice = await relationship(alice.token);
    assert.equal(forAlice.requested, true);
    assert.equal(forAlice.blocking, false);
    assert.equal(forAlice.muting, false);
    assert.equal(forAlice.note, '');
    const members = await get<{ id: string }[]>(
      w,
      `/api/v1/lists/${list.body.id}/accounts`,
      alice.token,
    );
    assert.deepEqual(
      members.body.map((a) => a.id),
      [moved],
    );

    // The same Move again changes nothing more.
    await remote.deliver(w, '/inbox', { ...move, id: `${remoteActor}#moves/again` });
    await process();
    const blocks = await w.deps.db.get<{ n: number | string }>(
      'SELECT COUNT(*) AS n FROM blocks WHERE target_account_id = ?',
      [moved],
    );
    assert.equal(Number(blocks?.n), 1);
  });
});
