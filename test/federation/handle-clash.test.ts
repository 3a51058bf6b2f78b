/**
 * Two actors of one server with the same handle under different ids (Lemmy publishes actors
 * under http: and https: ids alike): the first keeps the handle; an activity of the second is
 * acknowledged and dropped with a logged reason, not retried until it lands in the dead set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signRequest } from '@fedify/fedify';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { createNote, fixture, remoteActor, rsaKey } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const note = (actor: string, n: number) => createNote(actor, `clash-${n}`, `<p>clash ${n}</p>`);

async function post(w: TestWoolly, activity: object, key: CryptoKey, actor: string) {
  const request = await signRequest(
    new Request(`${w.config.baseUrl}/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: JSON.stringify(activity),
    }),
    key,
    new URL(`${actor}#main-key`),
  );
  return w.http.request(request);
}

async function count(w: TestWoolly, sql: string, params: string[] = []): Promise<number> {
  const row = await w.deps.db.get<{ n: number | string }>(sql, params);
  return Number(row?.n ?? 0);
}

forEachDatabase((kind) => {
  test('a second actor claiming a handle another id holds is dropped, not retried', async (t) => {
    const { w, remote, process } = await startWithFakeRemote(t, kind);
    // The known actor, and another one of its server with the same preferredUsername.
    const first = await rsaKey();
    (
      remote.documents.get(remoteActor) as { publicKey: { publicKeyPem: string } }
    ).publicKey.publicKeyPem = first.pem;
    const twin = `${remoteActor}-twin`;
    const second = await rsaKey();
    const twinDocument = fixture('actor-person.json');
    twinDocument.id = twin;
    twinDocument.inbox = `${twin}/inbox`;
    twinDocument.outbox = `${twin}/outbox`;
    twinDocument.publicKey = { id: `${twin}#main-key`, owner: twin, publicKeyPem: second.pem };
    remote.documents.set(twin, twinDocument);

    assert.equal((await post(w, note(remoteActor, 1), first.cryptoKey, remoteActor)).status, 202);
    await process();
    assert.equal((await post(w, note(twin, 2), second.cryptoKey, twin)).status, 202);
    await process();

    // The first actor keeps the handle and its post; the twin stored nothing.
    assert.equal(
      await count(w, "SELECT COUNT(*) AS n FROM accounts WHERE username = 'mastodon'"),
      1,
    );
    assert.equal(await count(w, 'SELECT COUNT(*) AS n FROM accounts WHERE uri = ?', [twin]), 0);
    assert.equal(
      await count(w, 'SELECT COUNT(*) AS n FROM statuses WHERE uri LIKE ?', [`${twin}/%`]),
      0,
    );
    // Nothing waits for a retry or lies in the dead set, and the log says why.
    assert.equal(await count(w, "SELECT COUNT(*) AS n FROM jobs WHERE name = 'fedify.inbox'"), 0);
    const line = w.logs.find((l) => l.includes('activity not acted on') && l.includes(twin));
    assert.ok(line, w.logs.filter((l) => l.includes('error')).join('\n'));
    assert.match(line, /belongs to https:\/\/masto\.qa\.urbanwildlife\.biz\/users\/mastodon,/);
  });
});
