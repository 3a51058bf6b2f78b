/**
 * An actor document that uses `publicKey` with only the ActivityStreams context (older
 * ActivityRelay, a real capture) signs activities that Woolly accepts, as Mastodon does;
 * a wrong key is still refused. The security context is added locally (Fedify's preloaded
 * copy): the fake network here has no document for it beyond what Fedify ships.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

forEachDatabase((kind) => {
  test('an actor declaring only the ActivityStreams context is verified by its publicKey', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    // The relay's document, at the fake server's actor address and with its key.
    const served = remote.documents.get(remoteActor) as { publicKey: { publicKeyPem: string } };
    const relay = fixture('actor-activityrelay.json', {
      'https://relay.mastodon.host/actor': remoteActor,
      'https://relay.mastodon.host': 'https://masto.qa.urbanwildlife.biz',
    });
    assert.equal(relay['@context'], 'https://www.w3.org/ns/activitystreams');
    (relay.publicKey as { publicKeyPem: string }).publicKeyPem = served.publicKey.publicKeyPem;
    remote.documents.set(remoteActor, relay);

    const follow = fixture('follow.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
    });
    const wrongKey = await remote.deliver(w, '/inbox', follow, { sign: 'other' });
    assert.equal(wrongKey.status, 401);
    const accepted = await remote.deliver(w, '/users/alice/inbox', follow);
    assert.equal(accepted.status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
    const followers = await get<{ acct: string }[]>(
      w,
      `/api/v1/accounts/${alice.account.id}/followers`,
      alice.token,
    );
    assert.deepEqual(
      followers.body.map((a) => a.acct),
      ['relay@masto.qa.urbanwildlife.biz'],
    );
  });
});
