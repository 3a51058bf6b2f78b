/**
 * A remote account moves: the private notes local accounts kept about the old account are
 * copied to the new one (Mastodon's MoveWorker), headed by where they come from; a block
 * carried over adds no second note.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, send } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { fixture } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';
import { moveHosts, moveToNewHome, publishNewHome } from './remote-move.ts';

const heading =
  'This user moved from mastodon@masto.qa.urbanwildlife.biz. Your note about them there:';

forEachDatabase((kind) => {
  test('private notes on a moved account are copied to its new one', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const [bob, dave, erin] = await Promise.all(
      ['bob', 'dave', 'erin'].map((username) =>
        makeUserWithToken(w.deps, { account: { username } }),
      ),
    );
    await remote.deliver(w, '/inbox', fixture('create-note-cw-mention.json', moveHosts));
    await process();
    publishNewHome(remote);
    const lookup = async (acct: string) =>
      (await get<{ id: string }>(w, `/api/v1/accounts/lookup?acct=${acct}`)).body.id;
    const old = await lookup('mastodon@masto.qa.urbanwildlife.biz');
    const note = async (who: { token: string }, id: string, comment: string) =>
      assert.equal(
        (await send(w, 'POST', `/api/v1/accounts/${id}/note`, who.token, { comment })).status,
        200,
      );
    // bob keeps a note on the old account; dave one and a block; erin none.
    await note(bob!, old, 'met at the meetup');
    await note(dave!, old, 'too loud');
    await send(w, 'POST', `/api/v1/accounts/${old}/block`, dave!.token, {});

    const move = moveToNewHome();
    assert.equal((await remote.deliver(w, '/inbox', move)).status, 202);
    await process();
    const moved = await lookup('newhome@masto.qa.urbanwildlife.biz');

    const noteOf = async (who: { token: string }) =>
      (
        await get<{ note: string; blocking: boolean }[]>(
          w,
          `/api/v1/accounts/relationships?id[]=${moved}`,
          who.token,
        )
      ).body[0]!;
    assert.equal((await noteOf(bob!)).note, `${heading}\nmet at the meetup`);
    const forDave = await noteOf(dave!);
    assert.equal(forDave.blocking, true);
    assert.equal(forDave.note, `${heading}\ntoo loud`);
    assert.equal((await noteOf(erin!)).note, '');
    // The old notes stay where they were.
    const onOld = await get<{ note: string }[]>(
      w,
      `/api/v1/accounts/relationships?id[]=${old}`,
      bob!.token,
    );
    assert.equal(onOld.body[0]!.note, 'met at the meetup');
  });
});
