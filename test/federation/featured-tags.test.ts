/**
 * A remote account's featured hashtags: read from its `featuredTags` collection (Mastodon's
 * shape: a Collection of embedded Hashtag objects) when the account is stored, here found by
 * URL with `resolve=true`, and again when an Update of its profile arrives, each time
 * replacing what Woolly had; GET /api/v1/accounts/:id/featured_tags shows them as Mastodon's
 * FeaturedTag, counted from the account's posts Woolly knows. An author stored only because
 * one of its posts was fetched has them read too. A collection that cannot be read leaves the
 * account stored without tags, and the log says why.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { createNote, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const tagsUrl = `${remoteActor}/collections/tags`;
const hashtag = (name: string) => ({
  type: 'Hashtag',
  href: `https://masto.qa.urbanwildlife.biz/tags/${name.toLowerCase()}`,
  name: `#${name}`,
});

/** The collection as Mastodon serves it, with `items`. */
function tagsCollection(items: unknown[]): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/activitystreams', { Hashtag: 'as:Hashtag' }],
    id: tagsUrl,
    type: 'Collection',
    totalItems: items.length,
    items,
  };
}

async function setup(t: TestContext, kind: DatabaseKind) {
  const { remote, w, process } = await startWithFakeRemote(t, kind);
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const runPull = () => (w.jobs as EmbeddedJobs).runDue({ queues: ['pull'] });
  const resolve = async () => {
    const res = await get<{ accounts: { id: string }[] }>(
      w,
      `/api/v2/search?resolve=true&type=accounts&q=${encodeURIComponent(remoteActor)}`,
      alice.token,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.accounts.length, 1);
    return res.body.accounts[0]!.id;
  };
  return { remote, w, process, runPull, resolve };
}

async function featuredTags(w: TestWoolly, accountId: string) {
  const res = await get<Record<string, unknown>[]>(
    w,
    `/api/v1/accounts/${accountId}/featured_tags`,
  );
  assert.equal(res.status, 200);
  for (const tag of res.body) assertEntity(tag, 'FeaturedTag');
  return res.body.map(({ name, url, statuses_count, last_status_at }) => ({
    name,
    url,
    statuses_count,
    last_status_at,
  }));
}

const profile = 'https://masto.qa.urbanwildlife.biz/@mastodon';

forEachDatabase((kind) => {
  test('the featuredTags collection makes the featured tags; an Update that drops one removes it', async (t) => {
    const { remote, w, process, runPull, resolve } = await setup(t, kind);
    remote.documents.set(
      tagsUrl,
      tagsCollection([
        hashtag('Knitting'),
        // Refused: not a Hashtag, named only by its address, an invalid name, the same tag again.
        { type: 'Note', id: `${remoteActor}/statuses/9`, content: 'no tag' },
        `${remoteActor}/tags/elsewhere`,
        { type: 'Hashtag', href: 'https://masto.qa.urbanwildlife.biz/tags/x', name: '#not a tag' },
        hashtag('knitting'),
        hashtag('Spinning'),
      ]),
    );
    // Served, but an item named only by its address is not fetched.
    remote.documents.set(`${remoteActor}/tags/elsewhere`, {
      ...hashtag('Elsewhere'),
      '@context': tagsCollection([])['@context'],
      id: `${remoteActor}/tags/elsewhere`,
    });
    const accountId = await resolve();
    // Read by a job on the pull queue, not by the search itself.
    assert.deepEqual(await featuredTags(w, accountId), []);
    await runPull();
    assert.deepEqual(await featuredTags(w, accountId), [
      {
        name: 'Knitting',
        url: `${profile}/tagged/knitting`,
        statuses_count: '0',
        last_status_at: null,
      },
      {
        name: 'Spinning',
        url: `${profile}/tagged/spinning`,
        statuses_count: '0',
        last_status_at: null,
      },
    ]);

    // A post of the account with the tag is counted, as for a local account.
    const create = createNote(remoteActor, '1', '<p>A wheel #Spinning</p>');
    create['@context'] = tagsCollection([])['@context'];
    (create.object as Record<string, unknown>).tag = [hashtag('Spinning')];
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    await process();
    assert.deepEqual((await featuredTags(w, accountId))[0], {
      name: 'Spinning',
      url: `${profile}/tagged/spinning`,
      statuses_count: '1',
      last_status_at: '2026-11-01',
    });

    // The profile's Update (the actor embedded) reads the collection again: Knitting is gone,
    // Weaving is new, and Spinning keeps its row under the spelling listed now.
    const before = await get<{ id: string; name: string }[]>(
      w,
      `/api/v1/accounts/${accountId}/featured_tags`,
    );
    remote.documents.set(tagsUrl, tagsCollection([hashtag('SPINNING'), hashtag('Weaving')]));
    const actor = { ...(remote.documents.get(remoteActor) as Record<string, unknown>) };
    actor.name = 'Mastodon, renamed';
    const update = {
      '@context': actor['@context'],
      id: `${remoteActor}#updates/1`,
      type: 'Update',
      actor: remoteActor,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: actor,
    };
    assert.equal((await remote.deliver(w, '/inbox', update)).status, 202);
    await process();
    await runPull();
    const after = await get<{ id: string; name: string }[]>(
      w,
      `/api/v1/accounts/${accountId}/featured_tags`,
    );
    assert.deepEqual(
      after.body.map((tag) => tag.name),
      ['SPINNING', 'Weaving'],
    );
    assert.equal(after.body[0]!.id, before.body.find((tag) => tag.name === 'Spinning')!.id);
  });

  test('the author of a fetched post has its featured tags read', async (t) => {
    const { remote, w, runPull } = await setup(t, kind);
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    remote.documents.set(tagsUrl, tagsCollection([hashtag('Knitting')]));
    const note = createNote(remoteActor, '7', '<p>A fetched post</p>').object as Record<
      string,
      unknown
    >;
    const url = String(note.id);
    remote.documents.set(url, { '@context': 'https://www.w3.org/ns/activitystreams', ...note });
    // Found by its URL: the post is fetched and its author stored with it (backfill/store-note).
    const res = await get<{ statuses: { account: { id: string } }[] }>(
      w,
      `/api/v2/search?resolve=true&type=statuses&q=${encodeURIComponent(url)}`,
      bob.token,
    );
    assert.equal(res.status, 200);
    assert.equal(res.body.statuses.length, 1);
    const accountId = res.body.statuses[0]!.account.id;
    await runPull();
    assert.deepEqual(
      (await featuredTags(w, accountId)).map((tag) => tag.name),
      ['Knitting'],
    );
  });

  test('a collection that cannot be read leaves the account stored without tags, and says why', async (t) => {
    const { w, runPull, resolve } = await setup(t, kind);
    // The fake network has nothing at the actor's featuredTags address.
    const accountId = await resolve();
    await runPull();
    assert.deepEqual(await featuredTags(w, accountId), []);
    const account = await get<{ acct: string }>(w, `/api/v1/accounts/${accountId}`);
    assert.equal(account.body.acct, 'mastodon@masto.qa.urbanwildlife.biz');
    const notRead = w.logs
      .map((line) => JSON.parse(line) as { message: string; url?: string; reason?: string })
      .filter((line) => line.message === 'featured tags not read')
      .map(({ url, reason }) => ({ url, reason }));
    assert.deepEqual(notRead, [{ url: tagsUrl, reason: 'it could not be fetched' }]);
  });
});
