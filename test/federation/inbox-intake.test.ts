import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signRequest, type MessageQueue } from '@fedify/fedify';
import { CryptographicKey } from '@fedify/vocab';
import { DatabaseKvStore } from '../../src/federation/kv-store.ts';
import { MemoryKeyCache } from '../../src/federation/key-cache.ts';
import { inboxBodyLimit } from '../../src/federation/inbox/body.ts';
import { inboxIntake } from '../../src/federation/inbox-intake.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { createNote, remoteActor, rsaKey } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const keyId = new URL(`${remoteActor}#main-key`);

const note = (n: number, actor = remoteActor) =>
  createNote(actor, `intake-${n}`, `<p>intake ${n}</p>`);

async function post(w: TestWoolly, body: string, key: CryptoKey | null): Promise<Response> {
  let request = new Request(`${w.config.baseUrl}/inbox`, {
    method: 'POST',
    headers: { 'content-type': 'application/activity+json' },
    body,
  });
  if (key) request = await signRequest(request, key, keyId);
  return w.http.request(request);
}

async function queuedInbox(w: TestWoolly): Promise<number> {
  const row = await w.deps.db.get<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM jobs WHERE name = 'fedify.inbox'",
  );
  return Number(row?.n ?? 0);
}

forEachDatabase((kind) => {
  test('the shared inbox accepts signed activities at the door; the rest is answered as before', async (t) => {
    const { w, remote, process } = await startWithFakeRemote(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const actor = remote.documents.get(remoteActor) as { publicKey: { publicKeyPem: string } };
    const first = await rsaKey();
    actor.publicKey.publicKeyPem = first.pem;

    // Accepted and queued as Fedify queues it, then stored by the inbox listeners.
    const accepted = await post(w, JSON.stringify(note(1)), first.cryptoKey);
    assert.equal(accepted.status, 202);
    assert.equal(await accepted.text(), 'Activity is enqueued.');
    assert.equal(await queuedInbox(w), 1);
    await process();
    const stored = await w.deps.db.get<{ id: string }>('SELECT id FROM statuses WHERE uri = ?', [
      `${remoteActor}/statuses/intake-1`,
    ]);
    const shown = await get<{ content: string }>(w, `/api/v1/statuses/${stored?.id}`, alice.token);
    assert.equal(shown.body.content, '<p>intake 1</p>');

    // Answered at the door itself (a Response), not handed on to Fedify's handler (a Request),
    // which would accept it too.
    const queued: unknown[] = [];
    const door = inboxIntake(
      w.deps,
      await w.loadFederation(),
      { enqueue: async (message: unknown) => void queued.push(message) } as MessageQueue,
      new MemoryKeyCache(new DatabaseKvStore(w.deps.db, w.deps.clock)),
    );
    const atTheDoor = await door.take(
      await signRequest(
        new Request(`${w.config.baseUrl}/inbox`, {
          method: 'POST',
          headers: { 'content-type': 'application/activity+json' },
          body: JSON.stringify(note(9)),
        }),
        first.cryptoKey,
        keyId,
      ),
    );
    assert.ok(atTheDoor instanceof Response, 'accepted at the door');
    assert.equal(atTheDoor.status, 202);
    assert.equal((queued[0] as { activity: { id: string } }).activity.id, note(9).id);

    // A bad signature, no signature, and a signer who is not the actor: 401, nothing queued.
    const other = await rsaKey();
    assert.equal((await post(w, JSON.stringify(note(2)), other.cryptoKey)).status, 401);
    assert.equal((await post(w, JSON.stringify(note(3)), null)).status, 401);
    const impostor = note(4, 'https://masto.qa.urbanwildlife.biz/users/someone-else');
    assert.equal((await post(w, JSON.stringify(impostor), first.cryptoKey)).status, 401);
    assert.equal(await queuedInbox(w), 0);

    // The actor rotates its key: the key kept in memory fails, the new one is fetched.
    const rotated = await rsaKey();
    actor.publicKey.publicKeyPem = rotated.pem;
    assert.equal((await post(w, JSON.stringify(note(5)), rotated.cryptoKey)).status, 202);
    // ... and the old key no longer passes.
    assert.equal((await post(w, JSON.stringify(note(6)), first.cryptoKey)).status, 401);
    assert.equal(await queuedInbox(w), 1);

    // Not JSON, and JSON-LD without the ActivityStreams context: Fedify's 400s.
    assert.equal((await post(w, '{"type": "Create"', rotated.cryptoKey)).status, 400);
    const noContext = { ...note(7), '@context': 'https://w3id.org/security/v1' };
    assert.equal((await post(w, JSON.stringify(noContext), rotated.cryptoKey)).status, 400);

    // A body over the limit is refused before it is read whole, on every inbox.
    const padded = JSON.stringify({ ...note(8), padding: 'x'.repeat(inboxBodyLimit) });
    assert.equal((await post(w, padded, rotated.cryptoKey)).status, 413);
    const personal = await w.http.request(
      new Request(`${w.config.baseUrl}/users/alice/inbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json' },
        body: padded,
      }),
    );
    assert.equal(personal.status, 413);
    assert.equal(await queuedInbox(w), 1);
  });

  test('keys kept by one process are read by another from the KvStore', async (t) => {
    const { w } = await startWithFakeRemote(t, kind);
    const kv = new DatabaseKvStore(w.deps.db, w.deps.clock);
    const { pem } = await rsaKey();
    const key = new CryptographicKey({
      id: keyId,
      owner: new URL(remoteActor),
      publicKey: await crypto.subtle.importKey(
        'spki',
        Buffer.from(pem.replace(/-----[A-Z ]+-----|\s/g, ''), 'base64'),
        { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
        true,
        ['verify'],
      ),
    });
    await new MemoryKeyCache(kv).set(keyId, key);
    const read = await new MemoryKeyCache(kv).get(keyId);
    assert.ok(read instanceof CryptographicKey);
    assert.equal(read.ownerId?.href, remoteActor);
    const exported = async (k: CryptographicKey) =>
      Buffer.from(await crypto.subtle.exportKey('spki', k.publicKey!)).toString('base64');
    assert.equal(await exported(read), await exported(key));

    const gone = new URL('https://masto.qa.urbanwildlife.biz/users/gone#main-key');
    await new MemoryKeyCache(kv).set(gone, null);
    assert.equal(await new MemoryKeyCache(kv).get(gone), null);
    assert.equal(
      await new MemoryKeyCache(kv).get(new URL('https://elsewhere.example/k')),
      undefined,
    );
  });
});
