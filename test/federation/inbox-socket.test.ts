/**
 * The inbox door over a real socket: @hono/node-server hands the app a lightweight request
 * whose body the door reads straight from the connection (inbox/body.ts), which in-process
 * requests never exercise. A declared length and a chunked body are both read, both are cut
 * at the limit, the suspended-domain gate and the intake share one read, and the answers are
 * the ones the in-process tests see. Storage-independent: SQLite only.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { test, type TestContext } from 'node:test';
import { signRequest } from '@fedify/fedify';
import { blockDomain } from '../../src/domain/domain-blocks/block-domain.ts';
import { inboxBodyLimit } from '../../src/federation/inbox/body.ts';
import { freePort } from '../helpers/listening.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { createNote, fakeRemote, remoteActor, rsaKey } from './fake-remote.ts';
import { startFederatedWoolly } from './helpers.ts';

async function listeningWithFakeRemote(t: TestContext) {
  const remote = await fakeRemote();
  const port = await freePort();
  const w = await startFederatedWoolly(t, 'sqlite', {
    env: {
      PORT: String(port),
      BIND: '127.0.0.1',
      LOCAL_DOMAIN: `127.0.0.1:${port}`,
      LOCAL_HTTPS: 'false',
    },
    // No workers: what the door queued stays queued, to be counted.
    woolly: {
      federation: { documentLoader: remote.documentLoader },
      roles: { workers: false, scheduler: false },
    },
  });
  await w.listen();
  const key = await rsaKey();
  const actor = remote.documents.get(remoteActor) as { publicKey: { publicKeyPem: string } };
  actor.publicKey.publicKeyPem = key.pem;
  return { w, key: key.cryptoKey, inbox: `${w.config.baseUrl}/inbox` };
}

/** Signed headers for `body` posted to `url` (Mastodon's: date, digest, signature). */
async function signedHeaders(url: string, body: string, key: CryptoKey) {
  const signed = await signRequest(
    new Request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body,
    }),
    key,
    new URL(`${remoteActor}#main-key`),
  );
  return Object.fromEntries(signed.headers);
}

/** POSTs `body` over a socket, with its length declared or chunked; answers status and text. */
function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  framing: 'declared' | 'chunked',
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    // signRequest's Request declared a length; a chunked body must not.
    const rest = Object.fromEntries(
      Object.entries(headers).filter(([name]) => name !== 'content-length'),
    );
    const req = httpRequest(
      url,
      {
        method: 'POST',
        headers:
          framing === 'declared' ? { ...rest, 'content-length': Buffer.byteLength(body) } : rest,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    if (framing === 'chunked') {
      // Several writes: the body arrives in chunks, its length unknown ahead.
      const third = Math.ceil(body.length / 3);
      for (let at = 0; at < body.length; at += third) req.write(body.slice(at, at + third));
      req.end();
    } else {
      req.end(body);
    }
  });
}

async function queuedInbox(w: TestWoolly): Promise<number> {
  const row = await w.deps.db.get<{ n: number | string }>(
    "SELECT COUNT(*) AS n FROM jobs WHERE name = 'fedify.inbox'",
  );
  return Number(row?.n ?? 0);
}

test('an inbox POST over a socket is read once, with or without a declared length', async (t) => {
  const { w, key, inbox } = await listeningWithFakeRemote(t);
  const send = async (n: number, framing: 'declared' | 'chunked') => {
    const body = JSON.stringify(createNote(remoteActor, `socket-${n}`, `<p>socket ${n}</p>`));
    return post(inbox, await signedHeaders(inbox, body, key), body, framing);
  };

  assert.deepEqual(await send(1, 'declared'), { status: 202, text: 'Activity is enqueued.' });
  assert.deepEqual(await send(2, 'chunked'), { status: 202, text: 'Activity is enqueued.' });
  assert.equal(await queuedInbox(w), 2);

  // No signature: Fedify's handler is given the body the door read, and refuses it.
  const unsigned = JSON.stringify(createNote(remoteActor, 'socket-3', '<p>3</p>'));
  const refused = await post(
    inbox,
    { 'content-type': 'application/activity+json' },
    unsigned,
    'declared',
  );
  assert.equal(refused.status, 401);

  // With a block in place the gate reads the body too: the intake reads the same bytes.
  await blockDomain(w.deps, 'spam.example', { severity: 'suspend' });
  assert.equal((await send(4, 'declared')).status, 202);
  assert.equal((await send(5, 'chunked')).status, 202);
  assert.equal(await queuedInbox(w), 4);

  // Over the limit, declared or found while reading: 413, nothing queued.
  const padded = JSON.stringify({
    ...createNote(remoteActor, 'socket-6', '<p>6</p>'),
    padding: 'x'.repeat(inboxBodyLimit),
  });
  const headers = await signedHeaders(inbox, padded, key);
  assert.equal((await post(inbox, headers, padded, 'declared')).status, 413);
  assert.equal((await post(inbox, headers, padded, 'chunked')).status, 413);
  assert.equal(await queuedInbox(w), 4);
});
