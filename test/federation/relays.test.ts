/**
 * Relays: the instance actor follows a relay (Follow of as:Public to its inbox), the relay's
 * Accept or Reject settles the state, accepted relays get the instance's public posts (never
 * unlisted or local-only ones), what a relay announces is stored for the federated timeline
 * (without a boost by the relay), and removing the relay sends Undo(Follow).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test, type TestContext } from 'node:test';
import { signJsonLd, signRequest } from '@fedify/fedify';
import { preloadedContexts } from '@fedify/vocab-runtime';
import { listRelays } from '../../src/db/repositories/relays.ts';
import { addRelay } from '../../src/domain/relays/add-relay.ts';
import { removeRelay } from '../../src/domain/relays/remove-relay.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { rsaKey } from './fake-remote.ts';
import { getActivityJson, startWithFakeRemote } from './helpers.ts';

const relayInbox = 'https://relay.example/inbox';
const relayActor = 'https://relay.example/actor';

function relayFixture(name: string, followId = ''): Record<string, unknown> {
  const text = readFileSync(new URL(`../fixtures/relay/${name}`, import.meta.url), 'utf8');
  return JSON.parse(text.split('FOLLOW_ID').join(followId)) as Record<string, unknown>;
}

/** The relay's actor (with a key made here) in the fake network, and a signed sender. */
async function fakeRelay(documents: Map<string, unknown>) {
  const { pem, cryptoKey: key } = await rsaKey();
  const actor = relayFixture('actor-application.json');
  (actor.publicKey as { publicKeyPem: string }).publicKeyPem = pem;
  documents.set(relayActor, actor);
  return async (w: TestWoolly, activity: unknown, inbox = '/inbox'): Promise<number> => {
    const request = new Request(`${w.config.baseUrl}${inbox}`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify(activity),
    });
    const res = await w.http.request(
      await signRequest(request, key, new URL(`${relayActor}#main-key`)),
    );
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default', 'pull'] });
    return res.status;
  };
}

interface Delivery {
  inbox: string;
  activity: { type: string; actor: string; object: unknown; id: string };
}

/** The activities queued for delivery since the last call (after the outbox's own jobs ran). */
async function takeDeliveries(w: TestWoolly): Promise<Delivery[]> {
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['default'] });
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map((row) => JSON.parse(row.payload) as Delivery);
}

/** A federated Woolly on a fake network that has the relay's actor in it. */
async function startWithRelay(t: TestContext, kind: DatabaseKind) {
  const { remote, w } = await startWithFakeRemote(t, kind);
  return { remote, w, sendAsRelay: await fakeRelay(remote.documents) };
}

const relayState = async (w: TestWoolly) =>
  Object.fromEntries((await listRelays(w.deps.db)).map((r) => [r.inboxUrl, r.state]));

forEachDatabase((kind) => {
  test('a relay is followed, accepted, fed public posts, read from and removed', async (t) => {
    const { remote, w, sendAsRelay } = await startWithRelay(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });

    const relay = await addRelay(w.deps, relayInbox);
    const [follow, ...more] = await takeDeliveries(w);
    assert.equal(more.length, 0);
    assert.equal(follow?.inbox, relayInbox);
    assert.equal(follow.activity.type, 'Follow');
    assert.equal(follow.activity.actor, 'https://woolly.test/actor');
    assert.equal(follow.activity.object, 'https://www.w3.org/ns/activitystreams#Public');
    assert.equal(follow.activity.id, relay.followActivityId);
    await assert.rejects(addRelay(w.deps, relayInbox), /already been taken/);
    await assert.rejects(addRelay(w.deps, 'not a url'), /not a valid URL/);

    // Pending: nothing goes to the relay yet.
    await posted(w, alice.token, { status: 'before the relay answered' });
    assert.deepEqual(await takeDeliveries(w), []);
    assert.deepEqual(await relayState(w), { [relayInbox]: 'pending' });

    // An Accept from another server does not accept the relay; the relay's own does.
    const accept = relayFixture('accept-follow.json', relay.followActivityId);
    const forged = { ...accept, id: `${remoteActorOrigin}/accept`, actor: remoteActorUri };
    assert.equal((await remote.deliver(w, '/inbox', forged)).status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress'] });
    assert.deepEqual(await relayState(w), { [relayInbox]: 'pending' });
    assert.equal(await sendAsRelay(w, accept), 202);
    assert.deepEqual(await relayState(w), { [relayInbox]: 'accepted' });

    // Public posts reach the relay; unlisted, private and local-only ones do not.
    const pub = await posted(w, alice.token, { status: 'hello relay' });
    const delivered = await takeDeliveries(w);
    assert.deepEqual(
      delivered.map((d) => [d.activity.type, d.inbox]),
      [['Create', relayInbox]],
    );
    assert.equal((delivered[0]!.activity.object as { id: string }).id, pub.uri);
    // Mastodon-style relays forward it as it is: it carries the author's LD signature.
    const signature = (delivered[0]!.activity as unknown as { signature?: { type: string } })
      .signature;
    assert.equal(signature?.type, 'RsaSignature2017');
    await posted(w, alice.token, { status: 'quiet', visibility: 'unlisted' });
    await posted(w, alice.token, { status: 'friends', visibility: 'private' });
    await posted(w, alice.token, { status: 'only here', local_only: true });
    assert.deepEqual(await takeDeliveries(w), []);
    // Its deletion follows it there.
    await w.request(`/api/v1/statuses/${pub.id}`, { method: 'DELETE', token: alice.token });
    assert.deepEqual(
      (await takeDeliveries(w)).map((d) => [d.activity.type, d.inbox]),
      [['Delete', relayInbox]],
    );

    // Public boosts and profile changes go there too (Mastodon's reach finders).
    const boosted = await posted(w, alice.token, { status: 'worth a boost' });
    await takeDeliveries(w);
    await w.request(`/api/v1/statuses/${boosted.id}/reblog`, {
      method: 'POST',
      token: alice.token,
    });
    await w.request('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: alice.token,
      json: { display_name: 'Alice' },
    });
    assert.deepEqual(
      (await takeDeliveries(w)).map((d) => [d.activity.type, d.inbox]),
      [
        ['Announce', relayInbox],
        ['Update', relayInbox],
      ],
    );

    // The relay announces another server's post: stored, in the federated timeline, no boost.
    const note = relayFixture('note.json');
    remote.documents.set(String(note.id), note);
    assert.equal(await sendAsRelay(w, relayFixture('announce.json')), 202);
    const federated = await get<{ uri: string; reblog: unknown; content: string }[]>(
      w,
      '/api/v1/timelines/public?remote=true',
    );
    assert.deepEqual(
      federated.body.map((s) => [s.uri, s.reblog]),
      [[note.id, null]],
    );
    assert.match(federated.body[0]!.content, /passed on by the relay/);
    const boosts = await w.deps.db.get<{ n: number }>(
      `SELECT COUNT(*) AS n FROM statuses JOIN accounts ON accounts.id = statuses.account_id
        WHERE statuses.reblog_of_id IS NOT NULL AND accounts.uri = ?`,
      [relayActor],
    );
    assert.equal(Number(boosts?.n), 0);

    // Removed: Undo(Follow) to the relay, and public posts stop going there.
    await removeRelay(w.deps, relayInbox);
    const [undo] = await takeDeliveries(w);
    assert.equal(undo?.inbox, relayInbox);
    assert.equal(undo.activity.type, 'Undo');
    assert.equal((undo.activity.object as { id: string }).id, relay.followActivityId);
    await posted(w, alice.token, { status: 'after the relay' });
    assert.deepEqual(await takeDeliveries(w), []);
    await assert.rejects(removeRelay(w.deps, relayInbox), /Record not found/);
  });

  test('a relay that rejects the follow gets nothing', async (t) => {
    const { w, sendAsRelay } = await startWithRelay(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const relay = await addRelay(w.deps, relayInbox);
    await takeDeliveries(w);
    // To the instance actor's own inbox this time (the one its actor document names).
    const actor = await getActivityJson(w, '/actor');
    const inbox = new URL(String(actor.body.inbox)).pathname;
    const reject = relayFixture('reject-follow.json', relay.followActivityId);
    assert.equal(await sendAsRelay(w, reject, inbox), 202);
    assert.deepEqual(await relayState(w), { [relayInbox]: 'rejected' });
    await posted(w, alice.token, { status: 'not for the relay' });
    assert.deepEqual(await takeDeliveries(w), []);

    // Added again: a new Follow; the old one's Accept no longer counts, the new one's does.
    const again = await addRelay(w.deps, relayInbox);
    assert.notEqual(again.followActivityId, relay.followActivityId);
    const [follow] = await takeDeliveries(w);
    assert.equal(follow?.activity.id, again.followActivityId);
    assert.deepEqual(await relayState(w), { [relayInbox]: 'pending' });
    await sendAsRelay(w, relayFixture('accept-follow.json', relay.followActivityId));
    assert.deepEqual(await relayState(w), { [relayInbox]: 'pending' });
    const accept = relayFixture('accept-follow.json', again.followActivityId);
    await sendAsRelay(w, { ...accept, id: `${String(accept.id)}-again` });
    assert.deepEqual(await relayState(w), { [relayInbox]: 'accepted' });
  });

  test('a signed Create a Mastodon-style relay forwards is stored', async (t) => {
    const { remote, w, sendAsRelay } = await startWithRelay(t, kind);
    // An author on a server Woolly has never heard of, with its own key.
    const author = 'https://far.example/users/poster';
    const { pem, cryptoKey: key } = await rsaKey();
    remote.documents.set(author, {
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id: author,
      type: 'Person',
      preferredUsername: 'poster',
      inbox: `${author}/inbox`,
      publicKey: { id: `${author}#main-key`, owner: author, publicKeyPem: pem },
    });
    const create = {
      '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
      id: `${author}/statuses/7/activity`,
      type: 'Create',
      actor: author,
      to: ['https://www.w3.org/ns/activitystreams#Public'],
      object: {
        id: `${author}/statuses/7`,
        type: 'Note',
        attributedTo: author,
        to: ['https://www.w3.org/ns/activitystreams#Public'],
        content: '<p>forwarded by the relay</p>',
        published: '2026-11-01T11:00:00Z',
      },
    };
    const contextLoader = (url: string) =>
      Promise.resolve({ contextUrl: null, documentUrl: url, document: preloadedContexts[url] });
    const signed = await signJsonLd(create, key, new URL(`${author}#main-key`), {
      contextLoader,
    });
    assert.equal(await sendAsRelay(w, signed), 202);
    const federated = await get<{ uri: string; account: { acct: string } }[]>(
      w,
      '/api/v1/timelines/public?remote=true',
    );
    assert.deepEqual(
      federated.body.map((s) => [s.uri, s.account.acct]),
      [[`${author}/statuses/7`, 'poster@far.example']],
    );
    // Without the author's signature the relay cannot speak for the author.
    const forged = { ...create, id: `${author}/statuses/8/activity` };
    assert.equal(await sendAsRelay(w, forged), 401);
  });
});

const remoteActorUri = 'https://masto.qa.urbanwildlife.biz/users/mastodon';
const remoteActorOrigin = 'https://masto.qa.urbanwildlife.biz';
