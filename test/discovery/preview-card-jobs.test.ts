/**
 * Which new posts queue a `preview_card.fetch` job: those with a link that is not a mention
 * or a hashtag, local or arriving in the inbox. Posts with no such link queue none (their
 * card would be null anyway); an edit always queues one (it may take a link away).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { call, person } from '../notifications/helpers.ts';
import { fixture, remoteActor } from '../federation/fake-remote.ts';
import { startWithFakeRemote } from '../federation/helpers.ts';

async function cardJobs(w: TestWoolly): Promise<string[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'preview_card.fetch' ORDER BY id",
  );
  return rows.map((r) => (JSON.parse(r.payload) as { statusId: string }).statusId);
}

forEachDatabase((kind) => {
  test('only posts with a link queue a preview card fetch', async (t) => {
    const w = await startTestWoolly(t, kind);
    await person(w, { account: { username: 'alice' } });
    const bob = await person(w);
    const post = async (status: string) => {
      const res = await bob.api.post('/api/v1/statuses', { status });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return String(res.body.id);
    };
    await post('just words');
    await post('hello @alice, about #sheep');
    assert.deepEqual(await cardJobs(w), []);
    const linked = await post('@alice read https://news.example.com/sheep #sheep');
    assert.deepEqual(await cardJobs(w), [linked]);
    const plain = await post('no link yet');
    const edited = await call(w, bob, 'PUT', `/api/v1/statuses/${plain}`, { status: 'still none' });
    assert.equal(edited.status, 200);
    assert.deepEqual(await cardJobs(w), [linked, plain]);
  });
});

test('a remote post queues a preview card fetch only for a link that is not a mention or a hashtag', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  const deliver = async (n: number, content: string) => {
    const create = fixture('create-note-cw-mention.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/nobody',
    });
    const note = create.object as Record<string, unknown>;
    create.id = `${remoteActor}/statuses/${n}/activity`;
    note.id = `${remoteActor}/statuses/${n}`;
    note.url = `${remoteActor}/statuses/${n}`;
    note.content = content;
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    await process();
    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [note.id as string],
    );
    assert.ok(row, 'the post is stored');
    return String(row.id);
  };
  await deliver(
    1,
    '<p><span class="h-card"><a href="https://far.example/@bob" class="u-url mention">@<span>bob</span></a></span> ' +
      '<a href="https://far.example/tags/sheep" class="mention hashtag" rel="tag">#<span>sheep</span></a></p>',
  );
  assert.deepEqual(await cardJobs(w), []);
  const linked = await deliver(
    2,
    '<p>read <a href="https://news.example/sheep" rel="nofollow noopener" target="_blank">news.example/sheep</a></p>',
  );
  assert.deepEqual(await cardJobs(w), [linked]);
});
