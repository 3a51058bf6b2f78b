/**
 * LitePub relays (Pleroma's relay actor, FEP-ae0c): after the instance follows the relay, the
 * relay follows the instance actor back and relays posts only once that Follow is accepted.
 * Woolly accepts the Follow of a relay it follows (pending or accepted) and takes its
 * Announces from then on, until the relay's Undo; anyone else's Follow of the instance actor
 * is rejected, as Mastodon rejects it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signRequest } from '@fedify/fedify';
import { listRelays } from '../../src/db/repositories/relays.ts';
import { addRelay } from '../../src/domain/relays/add-relay.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { runWoolly } from '../helpers/cli.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { remoteActor, rsaKey } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const relayActor = 'https://relay.example/relay';
const relayInbox = 'https://relay.example/inbox';
const litepub = [
  'https://www.w3.org/ns/activitystreams',
  'https://relay.example/schemas/litepub-0.1.jsonld',
  { '@language': 'und' },
];

interface Delivery {
  inbox: string;
  activity: { type: string; id: string; actor: string; object: unknown };
}

async function takeDeliveries(w: TestWoolly): Promise<Delivery[]> {
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['default'] });
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map((row) => JSON.parse(row.payload) as Delivery);
}

/** Pleroma's relay actor in the fake network; returns a sender of signed activities. */
async function litepubRelay(documents: Map<string, unknown>) {
  const { pem, cryptoKey } = await rsaKey();
  documents.set(relayActor, {
    '@context': ['https://www.w3.org/ns/activitystreams', 'https://w3id.org/security/v1'],
    id: relayActor,
    type: 'Application',
    preferredUsername: 'relay',
    inbox: `${relayActor}/inbox`,
    outbox: `${relayActor}/outbox`,
    followers: `${relayActor}/followers`,
    following: `${relayActor}/following`,
    endpoints: { sharedInbox: relayInbox },
    publicKey: { id: `${relayActor}#main-key`, owner: relayActor, publicKeyPem: pem },
  });
  documents.set('https://relay.example/schemas/litepub-0.1.jsonld', {
    '@context': [
      'https://www.w3.org/ns/activitystreams',
      'https://w3id.org/security/v1',
      { litepub: 'http://litepub.social/ns#' },
    ],
  });
  return async (w: TestWoolly, activity: unknown): Promise<number> => {
    const request = new Request(`${w.config.baseUrl}/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify(activity),
    });
    const res = await w.http.request(
      await signRequest(request, cryptoKey, new URL(`${relayActor}#main-key`)),
    );
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default', 'pull'] });
    return res.status;
  };
}

const followOfInstance = (id: string, actor = relayActor) => ({
  '@context': litepub,
  id,
  type: 'Follow',
  actor,
  object: 'https://woolly.test/actor',
  to: ['https://woolly.test/actor'],
  cc: [],
  state: 'pending',
});

const announceOf = (id: string, note: string) => ({
  '@context': litepub,
  id,
  type: 'Announce',
  actor: relayActor,
  to: ['https://www.w3.org/ns/activitystreams#Public'],
  cc: [`${relayActor}/followers`],
  object: note,
  published: '2026-11-01T11:30:00Z',
});

function noteAt(documents: Map<string, unknown>, n: number): string {
  const id = `${remoteActor}/statuses/11000000000000000${n}`;
  documents.set(id, {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id,
    type: 'Note',
    attributedTo: remoteActor,
    to: ['https://www.w3.org/ns/activitystreams#Public'],
    content: `<p>relayed ${n}</p>`,
    published: '2026-11-01T11:00:00Z',
  });
  return id;
}

forEachDatabase((kind) => {
  test('a LitePub relay follows back: accepted, its Announces taken until it undoes', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, kind);
    const sendAsRelay = await litepubRelay(remote.documents);
    const timeline = async () =>
      (await get<{ uri: string }[]>(w, '/api/v1/timelines/public?remote=true')).body.map(
        (s) => s.uri,
      );
    // Posts a relay passes on are stored without a boost by the relay; any other account's
    // Announce is a boost.
    const boostsByRelay = async () => {
      const row = await w.deps.db.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM statuses JOIN accounts ON accounts.id = statuses.account_id
          WHERE statuses.reblog_of_id IS NOT NULL AND accounts.uri = ?`,
        [relayActor],
      );
      return Number(row?.n);
    };

    // Before the instance follows the relay, the relay's Follow is refused.
    assert.equal(
      await sendAsRelay(w, followOfInstance('https://relay.example/activities/f0')),
      202,
    );
    const [early] = await takeDeliveries(w);
    assert.equal(early?.activity.type, 'Reject');

    await addRelay(w.deps, relayInbox);
    assert.deepEqual(
      (await takeDeliveries(w)).map((d) => [d.activity.type, d.inbox]),
      [['Follow', relayInbox]],
    );

    // The relay follows the instance actor back (its Accept has not come yet): Accept.
    const followId = 'https://relay.example/activities/3fe13910-73f4-4cdc-9c84-ec7013a3e764';
    assert.equal(await sendAsRelay(w, followOfInstance(followId)), 202);
    const [accept, ...more] = await takeDeliveries(w);
    assert.equal(more.length, 0);
    assert.equal(accept?.activity.type, 'Accept');
    assert.equal(accept.inbox, `${relayActor}/inbox`);
    assert.equal(accept.activity.actor, 'https://woolly.test/actor');
    assert.equal((accept.activity.object as { id: string }).id, followId);
    const [relay] = await listRelays(w.deps.db);
    assert.deepEqual([relay?.state, relay?.followBackId], ['pending', followId]);
    assert.deepEqual((await runWoolly(w.db, ['relays', 'list'])).lines, [
      `${relayInbox}\tpending\tfollows back`,
    ]);

    // What it relays is taken, as from an accepted relay.
    const first = noteAt(remote.documents, 1);
    assert.equal(
      await sendAsRelay(w, announceOf('https://relay.example/activities/a1', first)),
      202,
    );
    assert.deepEqual(await timeline(), [first]);
    assert.equal(await boostsByRelay(), 0);

    // The relay stops following the instance: its Announces are no longer taken.
    const undo = {
      '@context': litepub,
      id: 'https://relay.example/activities/cf9c85e9-f83f-4a02-b598-880f15423f68',
      type: 'Undo',
      actor: relayActor,
      to: ['https://woolly.test/actor'],
      object: { ...followOfInstance(followId), '@context': undefined, state: 'cancelled' },
    };
    assert.equal(await sendAsRelay(w, undo), 202);
    assert.equal((await listRelays(w.deps.db))[0]?.followBackId, null);
    const second = noteAt(remote.documents, 2);
    await sendAsRelay(w, announceOf('https://relay.example/activities/a2', second));
    assert.equal(await boostsByRelay(), 1);
    assert.deepEqual(await takeDeliveries(w), []);
  });

  test('a Follow of the instance actor from anyone but a relay is rejected', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, kind);
    await addRelay(w.deps, relayInbox);
    await takeDeliveries(w);
    const follow = {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${remoteActor}#follows/instance`,
      type: 'Follow',
      actor: remoteActor,
      object: 'https://woolly.test/actor',
    };
    assert.equal((await remote.deliver(w, '/inbox', follow)).status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
    const [reject, ...more] = await takeDeliveries(w);
    assert.equal(more.length, 0);
    assert.equal(reject?.activity.type, 'Reject');
    assert.equal(reject.activity.actor, 'https://woolly.test/actor');
    assert.equal((reject.activity.object as { id: string }).id, follow.id);
    assert.equal((await listRelays(w.deps.db))[0]?.followBackId, null);
    const follows = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM follows');
    assert.equal(Number(follows?.n), 0);
  });
});
