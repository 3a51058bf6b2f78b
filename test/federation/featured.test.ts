/**
 * A remote account's pinned posts: read from its `featured` collection when a local account's
 * follow of it is accepted (here Mastodon's collection of @LemmyDev, a fixture), and kept
 * current by the Add and Remove its server sends; shown on its profile with `pinned=true`.
 * Only the account's own posts, and only Add/Remove aimed at its own featured collection
 * (Lemmy's moderators pinning in a community are not, see fixtures-inbox.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fixture } from './fake-remote.ts';
import { fixtureServers } from './fixture-servers.ts';
import { startWithFakeRemote } from './helpers.ts';

const context = 'https://www.w3.org/ns/activitystreams';
const publicAddress = 'https://www.w3.org/ns/activitystreams#Public';
const lemmyDev = 'https://mastodon.social/users/LemmyDev';
const featured = `${lemmyDev}/collections/featured`;
const inaugural = `${lemmyDev}/statuses/104246642906910728`;

async function pinnedUris(w: TestWoolly, accountId: string): Promise<string[]> {
  const res = await get<{ uri: string }[]>(w, `/api/v1/accounts/${accountId}/statuses?pinned=true`);
  assert.equal(res.status, 200);
  return res.body.map((s) => s.uri);
}

forEachDatabase((kind) => {
  test('pinned posts come from the featured collection, then from Add and Remove', async (t) => {
    const { remote, w, process } = await startWithFakeRemote(t, kind);
    const servers = await fixtureServers(remote);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    servers.stubActor(lemmyDev, 'Person', { featured });
    servers.serve(fixture('mastodon-featured-collection.json'));
    servers.stubActor('https://mastodon.social/users/someone');
    const deliver = async (activity: Record<string, unknown>) => {
      assert.equal((await servers.deliver(w, activity)).status, 202);
      await process();
    };
    const note = (id: string, attributedTo = lemmyDev) => ({
      id,
      type: 'Note',
      attributedTo,
      to: [publicAddress],
      content: `<p>${id}</p>`,
    });
    const create = (object: Record<string, unknown>) =>
      deliver({
        '@context': context,
        id: `${String(object.id)}/activity`,
        type: 'Create',
        actor: object.attributedTo,
        to: [publicAddress],
        object,
      });

    // alice follows @LemmyDev (known from a post it sent); its server accepts.
    await create(note(`${lemmyDev}/statuses/1`));
    const account = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM accounts WHERE uri = ?',
      [lemmyDev],
    );
    const accountId = String(account!.id);
    assert.deepEqual(await pinnedUris(w, accountId), []);
    await w.request(`/api/v1/accounts/${accountId}/follow`, {
      method: 'POST',
      token: alice.token,
      json: {},
    });
    await deliver({
      '@context': context,
      id: `${lemmyDev}#accepts/1`,
      type: 'Accept',
      actor: lemmyDev,
      object: { type: 'Follow', actor: alice.account.uri, object: lemmyDev },
    });
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['pull', 'default'] });
    // The collection's post (embedded in it) is stored and pinned.
    assert.deepEqual(await pinnedUris(w, accountId), [inaugural]);

    // Add pins one more (the newest first); someone else's post or another collection, none.
    await deliver({
      '@context': context,
      id: `${lemmyDev}#adds/1`,
      type: 'Add',
      actor: lemmyDev,
      object: `${lemmyDev}/statuses/1`,
      target: featured,
    });
    await create(
      note(
        'https://mastodon.social/users/someone/statuses/2',
        'https://mastodon.social/users/someone',
      ),
    );
    await deliver({
      '@context': context,
      id: `${lemmyDev}#adds/2`,
      type: 'Add',
      actor: lemmyDev,
      object: 'https://mastodon.social/users/someone/statuses/2',
      target: featured,
    });
    await deliver({
      '@context': context,
      id: `${lemmyDev}#adds/3`,
      type: 'Add',
      actor: lemmyDev,
      object: `${lemmyDev}/statuses/1`,
      target: `${lemmyDev}/collections/other`,
    });
    assert.deepEqual(
      (await pinnedUris(w, accountId)).sort(),
      [`${lemmyDev}/statuses/1`, inaugural].sort(),
    );

    // Remove unpins it.
    await deliver({
      '@context': context,
      id: `${lemmyDev}#removes/1`,
      type: 'Remove',
      actor: lemmyDev,
      object: inaugural,
      target: featured,
    });
    assert.deepEqual(await pinnedUris(w, accountId), [`${lemmyDev}/statuses/1`]);
    const reasons = w.logs
      .map((line) => JSON.parse(line) as { message: string; reason?: string })
      .filter((line) => line.message === 'activity not acted on')
      .map((line) => line.reason);
    assert.deepEqual(reasons, [
      'its object is no post of the sender to pin',
      "its target is not the sender's featured collection",
    ]);
  });
});
