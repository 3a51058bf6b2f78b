import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { StatusJson } from '../../src/api/mastodon/serializers/status.ts';
import type { StatusEditJson } from '../../src/api/mastodon/serializers/status-edit.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { countRows, get, posted, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

async function setup(w: TestWoolly) {
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
  const edit = (id: string, body: Record<string, unknown>, token = alice.token) =>
    send<StatusJson>(w, 'PUT', `/api/v1/statuses/${id}`, token, body);
  return { alice, bob, edit };
}

forEachDatabase((kind) => {
  test('an edit rewrites the post and keeps its versions', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, edit } = await setup(w);
    const status = await posted(w, alice.token, { status: 'first #one', spoiler_text: 'cw' });
    const history0 = await get<StatusEditJson[]>(w, `/api/v1/statuses/${status.id}/history`);
    assert.equal(history0.body.length, 1, 'a post never edited has one version');
    assert.equal(
      history0.body[0]!.content,
      '<p>first <a href="https://woolly.test/tags/one" class="mention hashtag" rel="tag">#<span>one</span></a></p>',
    );

    w.clock.advance(60_000);
    const res = await edit(status.id, {
      status: 'second @bob #two',
      spoiler_text: 'new cw',
      language: 'fr',
    });
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Status');
    assert.equal(res.body.edited_at, new Date(w.clock.now()).toISOString());
    assert.equal(res.body.spoiler_text, 'new cw');
    assert.equal(res.body.sensitive, true);
    assert.equal(res.body.language, 'fr');
    assert.deepEqual(
      res.body.mentions.map((m) => m.acct),
      ['bob'],
    );
    assert.deepEqual(
      res.body.tags.map((tag) => tag.name),
      ['two'],
    );
    assert.equal(res.body.created_at, status.created_at);

    const history = await get<StatusEditJson[]>(
      w,
      `/api/v1/statuses/${status.id}/history`,
      bob.token,
    );
    assert.equal(history.status, 200);
    for (const version of history.body) assertEntity(version, 'StatusEdit');
    assert.deepEqual(
      history.body.map((v) => [v.spoiler_text, v.created_at, v.account.id]),
      [
        ['cw', status.created_at, alice.account.id],
        ['new cw', res.body.edited_at, alice.account.id],
      ],
    );
    const source = await get(w, `/api/v1/statuses/${status.id}/source`, bob.token);
    assertEntity(source.body, 'StatusSource');
    assert.deepEqual(source.body, {
      id: status.id,
      text: 'second @bob #two',
      spoiler_text: 'new cw',
      content_type: 'text/plain',
    });
    assert.equal((await get(w, `/api/v1/statuses/${status.id}/source`)).status, 401);

    // Bob was told; when edited out, his mention turns silent: he keeps the post, unlisted.
    await edit(status.id, { status: 'third', visibility: 'direct' });
    const mentions = await w.deps.db.all<{ silent: unknown }>('SELECT silent FROM mentions');
    assert.deepEqual(
      mentions.map((m) => Boolean(m.silent)),
      [true],
    );
    const reread = await get<StatusJson>(w, `/api/v1/statuses/${status.id}`, bob.token);
    assert.deepEqual(reread.body.mentions, []);
    assert.equal(reread.body.visibility, 'public', 'an edit does not change the audience');
  });

  test('an edit that changes nothing records nothing; a blank text is refused', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, edit } = await setup(w);
    const status = await posted(w, alice.token, { status: 'body', spoiler_text: 'old warning' });
    const same = await edit(status.id, {
      status: 'body',
      spoiler_text: 'old warning',
      sensitive: true,
    });
    assert.equal(same.status, 200);
    assert.equal(same.body.edited_at, null);
    assert.equal(await countRows(w, 'status_edits'), 0);

    // A blank text takes the content warning sent as its text; the old warning stays.
    const swapped = await edit(status.id, { status: ' ', spoiler_text: 'now the text' });
    assert.equal(swapped.body.content, '<p>now the text</p>');
    assert.equal(swapped.body.spoiler_text, 'old warning');
    assert.equal(swapped.body.sensitive, false);
    assert.equal(await countRows(w, 'status_edits'), 2);
    for (const body of [{ status: '' }, {}]) {
      assert.deepEqual(await edit(status.id, body), {
        status: 422,
        body: { error: "Validation failed: Text can't be blank" },
      });
    }
    assert.deepEqual(await edit(status.id, { status: 'x'.repeat(501) }), {
      status: 422,
      body: { error: 'Validation failed: Text character limit of 500 exceeded' },
    });
    assert.equal(await countRows(w, 'status_edits'), 2, 'a refused edit keeps no version');
  });

  test('editing someone else’s post, or none, is a 404', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, edit } = await setup(w);
    const status = await posted(w, alice.token, { status: 'mine' });
    for (const [id, token] of [
      [status.id, bob.token],
      ['1', alice.token],
      ['nope', alice.token],
    ] as const) {
      assert.deepEqual(await edit(id, { status: 'yours' }, token), {
        status: 404,
        body: { error: 'Record not found' },
      });
    }
    const reader = await makeUserWithToken(w.deps, { scopes: ['read'] });
    assert.equal((await edit(status.id, { status: 'x' }, reader.token)).status, 403);
  });

  test('polls: new options reset the votes, the same ones keep them, none removes the poll', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, edit } = await setup(w);
    const status = await posted(w, alice.token, {
      status: 'which?',
      poll: { options: ['a', 'b'], expires_in: 3600 },
    });
    const pollId = status.poll!.id;
    const vote = await send(w, 'POST', `/api/v1/polls/${pollId}/votes`, bob.token, {
      choices: ['0'],
    });
    assert.equal(vote.status, 200);

    const kept = await edit(status.id, {
      status: 'which one?',
      poll: { options: ['a', 'b'], expires_in: 7200 },
    });
    assert.equal(kept.body.poll!.votes_count, 1);
    assert.equal(kept.body.poll!.expires_at, new Date(w.clock.now() + 7_200_000).toISOString());

    const reset = await edit(status.id, {
      status: 'which one?',
      poll: { options: ['a', 'b', 'c'], expires_in: 7200 },
    });
    assert.equal(reset.body.poll!.id, pollId);
    assert.equal(reset.body.poll!.votes_count, 0);
    assert.deepEqual(reset.body.poll!.options, [
      { title: 'a', votes_count: 0 },
      { title: 'b', votes_count: 0 },
      { title: 'c', votes_count: 0 },
    ]);
    assert.equal(await countRows(w, 'poll_votes'), 0);

    assert.deepEqual(
      await edit(status.id, { status: 'which one?', poll: { options: ['a'], expires_in: 7200 } }),
      { status: 422, body: { error: 'Validation failed: Options must have more than one item' } },
    );

    const removed = await edit(status.id, { status: 'no poll' });
    assert.equal(removed.body.poll, null);
    assert.equal(await countRows(w, 'polls'), 0);
    const history = await get<StatusEditJson[]>(w, `/api/v1/statuses/${status.id}/history`);
    assert.deepEqual(
      history.body.map((v) => v.poll?.options.map((o) => o.title) ?? null),
      [['a', 'b'], ['a', 'b'], ['a', 'b', 'c'], null],
    );
  });
});
