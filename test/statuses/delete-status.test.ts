import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AccountJson } from '../../src/api/mastodon/serializers/account.ts';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import { findStatusById, insertStatus } from '../../src/db/repositories/statuses.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('DELETE answers with the source for a redraft, and the post is gone', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const deleted: string[] = [];
    w.deps.events.on('status.deleted', (e) => void deleted.push(e.statusId));
    const parent = await posted(w, bob.token, { status: 'parent' });
    const status = await posted(w, alice.token, {
      status: 'redraft **me** #tag',
      spoiler_text: 'cw',
      in_reply_to_id: parent.id,
      poll: { options: ['a', 'b'], expires_in: 600 },
    });
    const res = await send<StatusJson>(w, 'DELETE', `/api/v1/statuses/${status.id}`, alice.token);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Status');
    assert.equal(res.body.text, 'redraft **me** #tag');
    assert.equal('content' in res.body, false);
    assert.equal(res.body.spoiler_text, 'cw');
    assert.deepEqual(
      res.body.poll!.options.map((o) => o.title),
      ['a', 'b'],
    );
    assert.deepEqual(deleted, [status.id]);
    assert.equal((await get(w, `/api/v1/statuses/${status.id}`, alice.token)).status, 404);
    assert.deepEqual(await send(w, 'DELETE', `/api/v1/statuses/${status.id}`, alice.token), {
      status: 404,
      body: { error: 'Record not found' },
    });
    const account = await get<AccountJson>(w, `/api/v1/accounts/${alice.account.id}`);
    assert.equal(account.body.statuses_count, 0);
    const reread = await get<StatusJson>(w, `/api/v1/statuses/${parent.id}`);
    assert.equal(reread.body.replies_count, 0);
  });

  test('only the author deletes; the boosts of a deleted post go with it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const status = await posted(w, alice.token, { status: 'boost me' });
    assert.deepEqual(await send(w, 'DELETE', `/api/v1/statuses/${status.id}`, bob.token), {
      status: 404,
      body: { error: 'Record not found' },
    });
    // A boost as the interactions service writes it (row and counters).
    const original = (await findStatusById(w.deps.db, status.id))!;
    const boostId = w.deps.ids.next();
    await insertStatus(w.deps.db, {
      ...original,
      id: boostId,
      accountId: bob.account.id,
      uri: `https://woolly.test/users/bob/statuses/${boostId}/activity`,
      url: null,
      text: '',
      content: '',
      reblogOfId: original.id,
      pollId: null,
    });
    await w.deps.db.run('UPDATE accounts SET statuses_count = statuses_count + 1 WHERE id = ?', [
      bob.account.id,
    ]);
    const boost = await get<StatusJson>(w, `/api/v1/statuses/${boostId}`, bob.token);
    assert.equal(boost.body.reblog?.id, status.id);
    const deleted: [string, string | null][] = [];
    w.deps.events.on('status.deleted', (e) => void deleted.push([e.statusId, e.reblogOfId]));
    assert.equal(
      (await send(w, 'DELETE', `/api/v1/statuses/${status.id}`, alice.token)).status,
      200,
    );
    assert.deepEqual(deleted, [
      [status.id, null],
      [boostId, status.id],
    ]);
    assert.equal((await get(w, `/api/v1/statuses/${boostId}`, bob.token)).status, 404);
    const account = await get<AccountJson>(w, `/api/v1/accounts/${bob.account.id}`);
    assert.equal(account.body.statuses_count, 0);
  });
});
