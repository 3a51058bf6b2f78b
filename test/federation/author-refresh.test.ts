/**
 * A remote post whose author's copy is more than a day old queues a fetch of the author
 * (`accounts.refresh` on `pull`); posts of an author fetched within the day queue nothing,
 * however many arrive, until the day has passed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { remoteAccount } from '../relationships/helpers.ts';
import { remotePost } from '../timelines/helpers.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

async function refreshesQueued(w: TestWoolly): Promise<string[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'accounts.refresh' ORDER BY id",
  );
  return rows.map((r) => (JSON.parse(r.payload) as { accountId: string }).accountId);
}

forEachDatabase((kind) => {
  test('a post of an author fetched more than a day ago queues a fetch of the author', async (t) => {
    const w = await startTestWoolly(t, kind);
    const author = await remoteAccount(w, { domain: 'far.example' });
    const other = await remoteAccount(w, { domain: 'far.example' });
    await remotePost(w, author);
    await remotePost(w, author);
    assert.deepEqual(await refreshesQueued(w), [], 'fetched today');

    w.clock.advance(23 * 3_600_000);
    await remotePost(w, author);
    assert.deepEqual(await refreshesQueued(w), [], 'still within the day');

    w.clock.advance(2 * 3_600_000);
    await remotePost(w, author);
    await remotePost(w, other);
    assert.deepEqual(await refreshesQueued(w), [author.id, other.id]);
    // One waiting fetch per author, however many posts.
    await remotePost(w, author);
    assert.deepEqual(await refreshesQueued(w), [author.id, other.id]);
  });
});
