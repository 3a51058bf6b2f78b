/**
 * Two Woollys federating for real: separate HTTPS servers on loopback ports, one on SQLite
 * and one on PostgreSQL, with certificates from a test CA, signed deliveries through their
 * job queues, and everything checked through the Mastodon API of each side.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { waitFor } from '../helpers/jobs.ts';
import { freePort } from '../helpers/listening.ts';
import { get, posted } from '../helpers/statuses.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { startFederatedWoolly } from './helpers.ts';
import { trustedLocalhostCertificate, type TestCertificate } from './test-ca.ts';

async function startServer(
  t: TestContext,
  kind: DatabaseKind,
  cert: TestCertificate,
): Promise<TestWoolly> {
  const port = await freePort();
  const w = await startFederatedWoolly(t, kind, {
    env: {
      LOCAL_DOMAIN: `localhost:${port}`,
      LOCAL_HTTPS: 'true',
      BIND: '127.0.0.1',
      PORT: String(port),
      TLS_CERT_FILE: cert.certFile,
      TLS_KEY_FILE: cert.keyFile,
    },
    woolly: { federation: { allowPrivateAddress: true }, jobs: { pollMs: 20 } },
  });
  await w.listen();
  return w;
}

/** Waits until `path` on `w` answers what `check` accepts; returns that answer. */
async function eventually<T>(
  w: TestWoolly,
  path: string,
  token: string,
  check: (body: T) => boolean,
): Promise<T> {
  let last: T | undefined;
  await waitFor(async () => {
    last = (await get<T>(w, path, token)).body;
    return check(last);
  }, 15_000);
  return last!;
}

test('two instances follow, post, favourite and delete over HTTPS', async (t) => {
  const cert = trustedLocalhostCertificate();
  t.after(() => cert.dispose());
  const a = await startServer(t, 'sqlite', cert);
  const b = await startServer(t, 'postgres', cert);
  const alice = await makeUserWithToken(a.deps, { account: { username: 'alice' } });
  const bob = await makeUserWithToken(b.deps, { account: { username: 'bob' } });

  // Over real HTTPS, the API answers too.
  const direct = await fetch(`${b.config.baseUrl}/api/v1/accounts/${bob.account.id}`);
  assert.equal(direct.status, 200);

  // alice finds bob as any app would: search with resolve=true (WebFinger, then the actor).
  const search = await get<{ accounts: { id: string; acct: string; url: string }[] }>(
    a,
    `/api/v2/search?type=accounts&resolve=true&q=${encodeURIComponent(`@bob@${b.config.localDomain}`)}`,
    alice.token,
  );
  assert.equal(search.status, 200);
  const bobOnA = search.body.accounts[0]!;
  assert.equal(bobOnA.acct, `bob@${b.config.localDomain}`);
  assert.equal(bobOnA.url, `${b.config.baseUrl}/@bob`);

  const follow = await a.request(`/api/v1/accounts/${bobOnA.id}/follow`, {
    method: 'POST',
    token: alice.token,
    json: {},
  });
  assert.equal(follow.status, 200);
  // B accepts at once (bob's account is open), and A hears the Accept.
  await eventually<{ following: boolean }[]>(
    a,
    `/api/v1/accounts/relationships?id[]=${bobOnA.id}`,
    alice.token,
    (body) => body[0]?.following === true,
  );
  const followers = await eventually<{ acct: string }[]>(
    b,
    `/api/v1/accounts/${bob.account.id}/followers`,
    bob.token,
    (body) => body.length === 1,
  );
  assert.equal(followers[0]!.acct, `alice@${a.config.localDomain}`);

  const post = await posted(b, bob.token, { status: 'Hello from B' });
  const onA = await eventually<{ id: string; uri: string; content: string }[]>(
    a,
    `/api/v1/accounts/${bobOnA.id}/statuses`,
    alice.token,
    (body) => body.length === 1,
  );
  assert.equal(onA[0]!.uri, post.uri);
  assert.equal(onA[0]!.content, post.content);
  // and reaches alice's home timeline, as a followed account's post does.
  await eventually<{ uri: string }[]>(a, '/api/v1/timelines/home', alice.token, (body) =>
    body.some((s) => s.uri === post.uri),
  );

  const favourite = await a.request(`/api/v1/statuses/${onA[0]!.id}/favourite`, {
    method: 'POST',
    token: alice.token,
    json: {},
  });
  assert.equal(favourite.status, 200);
  const notifications = await eventually<{ type: string; account: { acct: string } }[]>(
    b,
    '/api/v1/notifications?types[]=favourite',
    bob.token,
    (body) => body.length === 1,
  );
  assert.equal(notifications[0]!.account.acct, `alice@${a.config.localDomain}`);

  const deleted = await b.request(`/api/v1/statuses/${post.id}`, {
    method: 'DELETE',
    token: bob.token,
  });
  assert.equal(deleted.status, 200);
  await eventually<unknown[]>(
    a,
    `/api/v1/accounts/${bobOnA.id}/statuses`,
    alice.token,
    (body) => body.length === 0,
  );
});
