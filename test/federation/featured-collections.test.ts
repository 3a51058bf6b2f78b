/**
 * A local account's `featured` collection (its pinned posts, whole, the latest pinned first;
 * never a private or local-only one) and `featuredTags` collection (its featured hashtags),
 * named in its actor document, as Mastodon publishes them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { getActivityJson, startFederatedWoolly } from './helpers.ts';

forEachDatabase((kind) => {
  test('the actor names its featured posts and tags, and both collections serve them', async (t) => {
    const w = await startFederatedWoolly(t, kind);
    const { account, token } = await makeUserWithToken(w.deps, {
      account: { username: 'alice' },
    });
    const api = async (path: string, body?: unknown) => {
      const res = await w.request(path, { method: 'POST', token, json: body ?? {} });
      const json = (await res.json()) as Record<string, unknown>;
      assert.equal(res.status, 200, `${path}: ${JSON.stringify(json)}`);
      return json as { id: string; uri: string };
    };
    const first = await api('/api/v1/statuses', { status: 'first pinned' });
    const hidden = await api('/api/v1/statuses', {
      status: 'followers only',
      visibility: 'private',
    });
    const second = await api('/api/v1/statuses', {
      status: 'second pinned',
      visibility: 'unlisted',
    });
    for (const post of [first, hidden, second]) await api(`/api/v1/statuses/${post.id}/pin`);
    await api('/api/v1/featured_tags', { name: 'Woolly' });
    await api('/api/v1/featured_tags', { name: 'knitting' });

    const actor = await getActivityJson(w, `/users/${account.username}`);
    const base = w.config.baseUrl;
    assert.equal(actor.body.featured, `${base}/users/alice/collections/featured`);
    assert.equal(actor.body.featuredTags, `${base}/users/alice/collections/tags`);

    const featured = await getActivityJson(w, '/users/alice/collections/featured');
    assert.equal(featured.status, 200);
    assert.equal(featured.body.type, 'OrderedCollection');
    assert.equal(featured.body.totalItems, 2);
    const notes = featured.body.orderedItems as { id: string; type: string; content: string }[];
    assert.deepEqual(
      notes.map((n) => [n.type, n.id]),
      [
        ['Note', second.uri],
        ['Note', first.uri],
      ],
    );
    assert.match(notes[0]!.content, /second pinned/);

    const tags = await getActivityJson(w, '/users/alice/collections/tags');
    assert.equal(tags.status, 200);
    const items = (tags.body.orderedItems ?? tags.body.items) as Record<string, unknown>[];
    assert.deepEqual(
      items
        .map((i) => ({ type: i.type, name: i.name, href: i.href }))
        .sort((a, b) => String(a.name).localeCompare(String(b.name))),
      [
        { type: 'Hashtag', name: '#knitting', href: `${base}/tags/knitting` },
        { type: 'Hashtag', name: '#Woolly', href: `${base}/tags/woolly` },
      ],
    );

    assert.equal((await getActivityJson(w, '/users/nobody/collections/featured')).status, 404);
  });
});
