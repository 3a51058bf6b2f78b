/**
 * Once Fedify is loaded, only the requests for its own paths go through `federation.fetch`
 * (fedify-routes.ts): the Mastodon API and Woolly's pages reach their routes directly, and
 * every path of Fedify's (WebFinger, NodeInfo, actors, inboxes, collections, posts) still
 * answers, including content negotiation between Woolly's pages and Fedify's documents.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { fedifyRouteMatcher } from '../../src/federation/fedify-routes.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { startTestWoolly } from '../helpers/woolly.ts';

const ap = { accept: 'application/activity+json' };

/** A Woolly with Fedify loaded, alice and one public post of hers, counting Fedify's fetches. */
async function loadedWoolly(t: TestContext) {
  const w = await startTestWoolly(t, 'sqlite');
  const { token } = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const posted = await w.request('/api/v1/statuses', {
    method: 'POST',
    token,
    json: { status: 'hi' },
  });
  const { id } = (await posted.json()) as { id: string };
  const federation = await w.loadFederation();
  const fetched: string[] = [];
  const fetch = federation.fetch.bind(federation);
  federation.fetch = (request, options) => {
    fetched.push(new URL(request.url).pathname);
    return fetch(request, options);
  };
  return { w, token, id, fetched };
}

test('the Mastodon API and pages skip Fedify once it is loaded, and still answer', async (t) => {
  const { w, token, id, fetched } = await loadedWoolly(t);
  const json = { accept: 'application/json' };
  const instance = await w.request('/api/v2/instance', { headers: json });
  assert.equal(instance.status, 200);
  // Fedify would have set `Vary: Accept` on it, as on anything asked for as JSON.
  assert.notEqual(instance.headers.get('vary'), 'Accept');
  const timeline = await w.request('/api/v1/timelines/public', { headers: json });
  assert.deepEqual(
    ((await timeline.json()) as { id: string }[]).map((s) => s.id),
    [id],
  );
  assert.equal((await w.request('/api/v1/accounts/verify_credentials', { token })).status, 200);
  assert.equal((await w.request('/api/v1/no-such-thing', { headers: json })).status, 404);
  assert.equal(await (await w.request('/health')).text(), 'OK');
  assert.equal((await w.request('/.well-known/host-meta')).status, 200);
  assert.equal((await w.request('/@alice', { headers: { accept: 'text/html' } })).status, 200);
  // Content negotiation on the pages' URLs is Woolly's: servers are sent to the documents.
  const profile = await w.request('/@alice', { headers: ap });
  assert.equal(profile.status, 302);
  assert.equal(profile.headers.get('location'), 'https://woolly.test/users/alice');
  const post = await w.request(`/@alice/${id}`, { headers: ap });
  assert.equal(post.status, 302);
  assert.equal(post.headers.get('location'), `https://woolly.test/users/alice/statuses/${id}`);
  assert.deepEqual(fetched, []);
});

test("Fedify's own paths still go through it once it is loaded", async (t) => {
  const { w, id, fetched } = await loadedWoolly(t);
  const webfinger = await w.request('/.well-known/webfinger?resource=acct:alice@woolly.test');
  assert.equal(webfinger.status, 200);
  assert.equal((await w.request('/.well-known/nodeinfo')).status, 200);
  assert.equal((await w.request('/nodeinfo/2.1')).status, 200);
  const actor = await w.request('/users/alice', { headers: ap });
  assert.equal(((await actor.json()) as { preferredUsername: string }).preferredUsername, 'alice');
  assert.equal((await w.request('/actor', { headers: ap })).status, 200);
  assert.equal((await w.request('/users/alice/outbox', { headers: ap })).status, 200);
  assert.equal((await w.request('/users/alice/followers', { headers: ap })).status, 200);
  const note = await w.request(`/users/alice/statuses/${id}`, { headers: ap });
  assert.equal(((await note.json()) as { type: string }).type, 'Note');
  // Asked for as HTML, an actor's URL leads to Woolly's page, through Fedify.
  const page = await w.request('/users/alice', { headers: { accept: 'text/html' } });
  assert.equal(page.status, 302);
  assert.equal(page.headers.get('location'), '/@alice');
  assert.deepEqual(fetched, [
    '/.well-known/webfinger',
    '/.well-known/nodeinfo',
    '/nodeinfo/2.1',
    '/users/alice',
    '/actor',
    '/users/alice/outbox',
    '/users/alice/followers',
    `/users/alice/statuses/${id}`,
    '/users/alice',
  ]);
  // An unsigned activity at an inbox is refused (the inboxes' door, then Fedify).
  const like = JSON.stringify({
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: 'https://remote.test/likes/1',
    type: 'Like',
    actor: 'https://remote.test/users/bob',
    object: `https://woolly.test/users/alice/statuses/${id}`,
  });
  const unsigned = { method: 'POST', headers: { 'content-type': 'application/activity+json' } };
  assert.equal((await w.request('/users/alice/inbox', { ...unsigned, body: like })).status, 401);
  assert.equal((await w.request('/inbox', { ...unsigned, body: like })).status, 401);
});

test("the paths Fedify's router has, and the ones it has not", async (t) => {
  const w = await startTestWoolly(t, 'sqlite');
  const isFedifys = fedifyRouteMatcher(await w.loadFederation());
  const fedifys = [
    '/.well-known/webfinger',
    '/.well-known/nodeinfo',
    '/nodeinfo/2.1',
    '/actor',
    '/inbox',
    '/users/alice',
    '/users/alice/inbox',
    '/users/alice/outbox',
    '/users/alice/followers',
    '/users/alice/following',
    '/users/alice/statuses/1',
    '/users/alice/statuses/1/replies',
    '/users/alice/quote_authorizations/1',
    '/emojis/1',
  ];
  for (const path of fedifys) assert.equal(isFedifys(path), true, path);
  const woollys = [
    '/',
    '/api/v1/timelines/public',
    '/api/v2/instance',
    '/oauth/token',
    '/health',
    '/.well-known/host-meta',
    '/.well-known/webfinger/x',
    '/nodeinfo/2.0',
    '/@alice',
    '/@alice/1',
    '/tags/woolly',
    '/users',
    '/users/alice/statuses',
    '/users/alice/inbox/x',
    '/emojis',
    '/favicon.ico',
    '/system/media_attachments/1.png',
  ];
  for (const path of woollys) assert.equal(isFedifys(path), false, path);
});
