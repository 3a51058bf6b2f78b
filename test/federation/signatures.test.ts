/**
 * HTTP signatures at the inboxes, beyond the wrong key and the missing signature
 * (inbox-intake.test.ts): RFC 9421 signatures are taken as draft-cavage ones are; a body
 * changed after signing (its digest no longer matches), a signature dated outside the window,
 * and either kind of signature on a personal inbox are answered as Mastodon answers them; the
 * same signed delivery twice (a replay) stores the post once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { signRequest } from '@fedify/fedify';
import { Temporal } from '@js-temporal/polyfill';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, type TestWoolly } from '../helpers/woolly.ts';
import { createNote, remoteActor, rsaKey } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const keyId = new URL(`${remoteActor}#main-key`);
const note = (n: number) => createNote(remoteActor, `signed-${n}`, `<p>signed ${n}</p>`);

type Spec = 'draft-cavage-http-signatures-12' | 'rfc9421';

async function signed(
  w: TestWoolly,
  path: string,
  body: string,
  key: CryptoKey,
  options: { spec?: Spec; currentTime?: Temporal.Instant } = {},
): Promise<Request> {
  const request = new Request(`${w.config.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/activity+json' },
    body,
  });
  return signRequest(request, key, keyId, options);
}

async function stored(w: TestWoolly, n: number): Promise<number> {
  const row = await w.deps.db.get<{ n: number | string }>(
    'SELECT COUNT(*) AS n FROM statuses WHERE uri = ?',
    [`${remoteActor}/statuses/signed-${n}`],
  );
  return Number(row?.n ?? 0);
}

forEachDatabase((kind) => {
  test('RFC 9421 signatures are taken; a changed body, a stale date and a replay are not', async (t) => {
    const { w, remote, process } = await startWithFakeRemote(t, kind);
    await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const actor = remote.documents.get(remoteActor) as { publicKey: { publicKeyPem: string } };
    const key = await rsaKey();
    actor.publicKey.publicKeyPem = key.pem;
    const send = (request: Request) => w.http.request(request);

    // RFC 9421 (Signature-Input and Content-Digest), at the shared and a personal inbox.
    const body1 = JSON.stringify(note(1));
    const rfc = await send(await signed(w, '/inbox', body1, key.cryptoKey, { spec: 'rfc9421' }));
    assert.equal(rfc.status, 202);
    const body2 = JSON.stringify(note(2));
    const personal = await send(
      await signed(w, '/users/alice/inbox', body2, key.cryptoKey, { spec: 'rfc9421' }),
    );
    assert.equal(personal.status, 202);
    await process();
    assert.equal(await stored(w, 1), 1);
    assert.equal(await stored(w, 2), 1);

    // The body changed after signing: its digest no longer matches, with either kind.
    for (const spec of ['draft-cavage-http-signatures-12', 'rfc9421'] as const) {
      const original = await signed(w, '/inbox', JSON.stringify(note(3)), key.cryptoKey, { spec });
      const tampered = new Request(original.url, {
        method: 'POST',
        headers: original.headers,
        body: JSON.stringify(note(4)),
      });
      assert.equal((await send(tampered)).status, 401, spec);
    }

    // Signed two hours ago, or two hours ahead: outside the window, refused.
    for (const hours of [-2, 2]) {
      const at = Temporal.Now.instant().add({ hours });
      for (const spec of ['draft-cavage-http-signatures-12', 'rfc9421'] as const) {
        const body = JSON.stringify(note(5));
        const stale = await signed(w, '/inbox', body, key.cryptoKey, { spec, currentTime: at });
        assert.equal((await send(stale)).status, 401, `${spec}, ${hours} h`);
      }
    }
    await process();
    assert.equal((await stored(w, 3)) + (await stored(w, 4)) + (await stored(w, 5)), 0);

    // The same signed delivery twice (a replay within the window): stored once.
    const replayed = await signed(w, '/inbox', JSON.stringify(note(6)), key.cryptoKey);
    assert.equal((await send(replayed.clone())).status, 202);
    assert.equal((await send(replayed)).status, 202);
    await process();
    assert.equal(await stored(w, 6), 1);
  });
});
