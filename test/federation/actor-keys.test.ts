/**
 * A local account's two key pairs (issue 5): its actor publishes the RSA key as `publicKey`
 * (what Mastodon verifies) and both keys as `assertionMethod` Multikeys, the Ed25519 one
 * (FEP-521a) signing the integrity proofs (FEP-8b32) of what it sends, which Fedify verifies.
 * An account from before Ed25519 keys gets one on first need, stored once, even when two
 * first uses race; deleting the account removes it.
 */
import assert from 'node:assert/strict';
import { createPublicKey, KeyObject } from 'node:crypto';
import { test } from 'node:test';
import { verifyObject } from '@fedify/fedify';
import { Activity } from '@fedify/vocab';
import { importMultibaseKey, type DocumentLoader } from '@fedify/vocab-runtime';
import { deleteLocalAccount } from '../../src/domain/accounts/delete-local-account.ts';
import { accountEd25519KeyPair } from '../../src/domain/accounts/ed25519-keys.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { posted } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { fixture, remoteActor, type FakeRemote } from './fake-remote.ts';
import { getActivityJson, startWithFakeRemote } from './helpers.ts';

interface Multikey {
  id: string;
  type: string;
  controller: string;
  publicKeyMultibase: string;
}

async function storedKeys(w: TestWoolly, accountId: string) {
  return w.deps.db.all<{ public_key: string }>(
    'SELECT public_key FROM account_ed25519_keys WHERE account_id = ?',
    [accountId],
  );
}

/** A Multikey's public key as SPKI PEM, to compare with what is stored. */
async function multikeyPem(key: Multikey): Promise<string> {
  const imported = await importMultibaseKey(key.publicKeyMultibase);
  return KeyObject.from(imported).export({ type: 'spki', format: 'pem' }).toString();
}

async function actorKeys(w: TestWoolly, username: string) {
  const actor = await getActivityJson(w, `/users/${username}`);
  assert.equal(actor.status, 200);
  return {
    publicKey: actor.body.publicKey as { id: string; publicKeyPem: string },
    assertionMethod: actor.body.assertionMethod as Multikey[],
  };
}

/** The remote account follows alice, so what alice sends is queued for its inbox. */
async function remoteFollowsAlice(w: TestWoolly, remote: FakeRemote) {
  const follow = fixture('follow.json', {
    'http://mastodon.example.org/users/admin': remoteActor,
    'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  });
  assert.equal((await remote.deliver(w, '/users/alice/inbox', follow)).status, 202);
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
}

interface OutboxMessage {
  keys: { keyId: string; privateKey: { kty: string } }[];
  activity: Record<string, unknown> & { type: string; proof?: Record<string, unknown> };
}

async function takeDeliveries(w: TestWoolly): Promise<OutboxMessage[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map((row) => JSON.parse(row.payload) as OutboxMessage);
}

/** Checks the proof of `activity` as a Fedify server receiving it does; answers its type. */
async function verifiedByFedify(
  w: TestWoolly,
  remote: FakeRemote,
  activity: Record<string, unknown>,
): Promise<string | null> {
  // Woolly's documents are read from Woolly itself, as a receiving server would fetch them.
  const documentLoader: DocumentLoader = async (url) => {
    if (!url.startsWith(w.config.baseUrl)) return remote.documentLoader(url);
    const documentUrl = url.replace(/#.*$/, '');
    const res = await getActivityJson(w, new URL(documentUrl).pathname);
    assert.equal(res.status, 200, url);
    return { contextUrl: null, documentUrl, document: res.body };
  };
  // The Linked Data signature (RSA, for Mastodon) is added over the proof: Fedify's inbox
  // takes it off before it checks the proof.
  const { signature, ...proven } = activity;
  assert.equal((signature as { type?: string } | undefined)?.type, 'RsaSignature2017');
  const verified = await verifyObject(Activity, proven, {
    documentLoader,
    contextLoader: remote.documentLoader,
  });
  return verified?.id?.href ?? null;
}

forEachDatabase((kind) => {
  test('the actor publishes its RSA key as publicKey and both keys as assertionMethod', async (t) => {
    const { w } = await startWithFakeRemote(t, kind);
    const { account } = await makeUserWithToken(w.deps, { account: { username: 'alice' } });

    const keys = await actorKeys(w, 'alice');
    assert.equal(keys.publicKey.id, 'https://woolly.test/users/alice#main-key');
    assert.equal(keys.publicKey.publicKeyPem, account.publicKey);
    assert.equal(createPublicKey(keys.publicKey.publicKeyPem).asymmetricKeyType, 'rsa');

    assert.equal(keys.assertionMethod.length, 2);
    const [rsa, ed25519] = keys.assertionMethod;
    for (const key of keys.assertionMethod) {
      assert.equal(key.type, 'Multikey');
      assert.equal(key.controller, 'https://woolly.test/users/alice');
    }
    assert.equal(await multikeyPem(rsa!), account.publicKey);
    assert.match(ed25519!.publicKeyMultibase, /^z6Mk/);
    const stored = await storedKeys(w, account.id);
    assert.equal(stored.length, 1, 'made with the account');
    assert.equal(await multikeyPem(ed25519!), stored[0]!.public_key);

    // The instance actor keeps one key, as Mastodon's.
    const instance = await getActivityJson(w, '/actor');
    const instanceKeys = [instance.body.assertionMethod].flat() as Multikey[];
    assert.equal(instanceKeys.length, 1);
    assert.doesNotMatch(instanceKeys[0]!.publicKeyMultibase, /^z6Mk/);
  });

  test('an account from before Ed25519 keys gets one on first fetch and keeps it', async (t) => {
    const { w } = await startWithFakeRemote(t, kind);
    const { account } = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    // As the account was before migration 0110.
    await w.deps.db.run('DELETE FROM account_ed25519_keys WHERE account_id = ?', [account.id]);

    const first = await actorKeys(w, 'alice');
    const stored = await storedKeys(w, account.id);
    assert.equal(stored.length, 1);
    assert.match(first.assertionMethod[1]!.publicKeyMultibase, /^z6Mk/);
    assert.equal(await multikeyPem(first.assertionMethod[1]!), stored[0]!.public_key);

    const again = await actorKeys(w, 'alice');
    assert.deepEqual(again.assertionMethod, first.assertionMethod);
    assert.deepEqual(await storedKeys(w, account.id), stored);
  });

  test('two first uses at once end with one stored pair, which both get', async (t) => {
    const { w } = await startWithFakeRemote(t, kind);
    const { account } = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    await w.deps.db.run('DELETE FROM account_ed25519_keys WHERE account_id = ?', [account.id]);

    const pairs = await Promise.all(
      Array.from({ length: 4 }, () => accountEd25519KeyPair(w.deps, account.id)),
    );
    const stored = await storedKeys(w, account.id);
    assert.equal(stored.length, 1);
    for (const pair of pairs) assert.equal(pair.publicKey, stored[0]!.public_key);
  });

  test('what the account sends carries an eddsa-jcs-2022 proof that Fedify verifies', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    await remoteFollowsAlice(w, remote);

    await posted(w, alice.token, { status: 'signed twice' });
    const [create] = await takeDeliveries(w);
    assert.equal(create?.activity.type, 'Create');
    // HTTP signatures stay RSA, with the key Mastodon knows: Fedify signs with the first RSA key.
    assert.equal(create.keys[0]?.keyId, 'https://woolly.test/users/alice#main-key');
    assert.equal(create.keys[0]?.privateKey.kty, 'RSA');
    const proof = create.activity.proof!;
    assert.equal(proof.type, 'DataIntegrityProof');
    assert.equal(proof.cryptosuite, 'eddsa-jcs-2022');
    assert.equal(proof.verificationMethod, 'https://woolly.test/users/alice#multikey-2');
    assert.equal(proof.proofPurpose, 'assertionMethod');
    assert.equal(await verifiedByFedify(w, remote, create.activity), String(create.activity.id));

    // A changed activity no longer verifies: the proof covers what was sent.
    const forged = { ...create.activity, id: `${String(create.activity.id)}-forged` };
    assert.equal(await verifiedByFedify(w, remote, forged), null);
  });

  test('deleting the account signs its Delete with both keys, then removes the Ed25519 pair', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    await remoteFollowsAlice(w, remote);

    await deleteLocalAccount(w.deps, { account: alice.account });
    const [deletion] = await takeDeliveries(w);
    assert.equal(deletion?.activity.type, 'Delete');
    assert.equal(deletion.keys[0]?.keyId, 'https://woolly.test/users/alice#main-key');
    assert.equal(deletion.activity.proof?.cryptosuite, 'eddsa-jcs-2022');
    assert.deepEqual(await storedKeys(w, alice.account.id), []);
  });
});
