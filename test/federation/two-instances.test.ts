/**
 * Two Woollys federating for real: separate `bin/woolly start` processes, `a.test` on
 * 127.0.0.2 (SQLite) and `b.test` on 127.0.0.3 (PostgreSQL), speaking HTTPS with
 * certificates from a test CA, each reaching the other by name through the test-only host
 * map. One pair serves the whole file (starting one takes seconds): the scenarios here, then
 * those of two-instances-vocabulary.ts (polls, moves, deletions), then B going down. They run
 * in sequence and are checked through each side's Mastodon API over HTTPS, as an app would.
 *
 * a.test runs its jobs in a thread of their own (JOB_THREADS=1), which also stores the jobs
 * its main thread enqueues (the activities its inbox accepts among them): everything A
 * receives goes through that path. b.test runs its jobs in its main thread.
 *
 * b.test runs in Mastodon's secure mode (AUTHORIZED_FETCH=true), so everything A fetches
 * from B must be signed (by A's instance actor), and private posts are served only to
 * signed requests from accounts allowed to see them.
 *
 * The ports are ephemeral (the URLs carry none: https://a.test/ is port 443 to everyone, and
 * the host map sends it to the real port), so that two runs on one machine never collide.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signRequest } from '@fedify/fedify';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { cryptoKeyPair } from '../../src/federation/keys.ts';
import { parseTestHosts, routeTestHosts } from '../../src/federation/test-network.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { trustedLocalhostCertificate, type TestCertificate } from './test-ca.ts';
import {
  freePortOn,
  hostMap,
  startWoollyProcess,
  type PlannedHost,
  type WoollyProcess,
} from './woolly-process.ts';
import { call, eventually } from './process-calls.ts';
import { vocabularyScenarios } from './two-instances-vocabulary.ts';

/** A GET for ActivityPub JSON, signed with `signer`'s key when given (as its server would). */
async function fetchActivity(url: string, signer?: AccountRecord): Promise<number> {
  let request = new Request(url, { headers: { accept: 'application/activity+json' } });
  if (signer) {
    const keys = await cryptoKeyPair(signer.publicKey, signer.privateKey!);
    request = await signRequest(request, keys.privateKey, new URL(`${signer.uri}#main-key`));
  }
  const res = await fetch(request);
  await res.body?.cancel();
  return res.status;
}

describe('two instances as separate processes on a.test and b.test', () => {
  let cert: TestCertificate;
  let a: WoollyProcess;
  let b: WoollyProcess;
  let alice: { account: AccountRecord; token: string };
  let bob: { account: AccountRecord; token: string };
  let carol: { account: AccountRecord; token: string };
  let bobOnA: { id: string; acct: string; url: string };
  let earlyUri: string;

  before(async () => {
    cert = trustedLocalhostCertificate(['a.test', 'b.test']);
    const planned: PlannedHost[] = [
      { host: 'a.test', address: '127.0.0.2', port: await freePortOn('127.0.0.2'), kind: 'sqlite' },
      {
        host: 'b.test',
        address: '127.0.0.3',
        port: await freePortOn('127.0.0.3'),
        kind: 'postgres',
      },
    ];
    routeTestHosts(parseTestHosts(hostMap(planned)));
    [a, b] = await Promise.all([
      startWoollyProcess(planned[0]!, planned, cert, { JOB_THREADS: '1' }),
      startWoollyProcess(planned[1]!, planned, cert, { AUTHORIZED_FETCH: 'true' }),
    ]);
    alice = await makeUserWithToken(a.admin.deps, { account: { username: 'alice' } });
    bob = await makeUserWithToken(b.admin.deps, { account: { username: 'bob' } });
    carol = await makeUserWithToken(a.admin.deps, { account: { username: 'carol' } });
  });

  after(async () => {
    if (process.env.TWO_INSTANCES_LOGS) {
      for (const w of [a, b]) console.log(`--- ${w?.host}\n${w?.output.join('')}`);
    }
    await Promise.all([a?.stop(), b?.stop()]);
    cert?.dispose();
  });

  test('each answers over HTTPS by its own name', async () => {
    const direct = await call<{ username: string; url: string }>(
      b,
      `/api/v1/accounts/${bob.account.id}`,
    );
    assert.equal(direct.status, 200);
    assert.equal(direct.body.url, 'https://b.test/@bob');
    // Posted before anyone on A follows bob: A gets it by outbox backfill.
    const early = await call<{ uri: string }>(b, '/api/v1/statuses', {
      method: 'POST',
      token: bob.token,
      json: { status: 'Posted before you followed' },
    });
    assert.equal(early.status, 200);
    earlyUri = early.body.uri;
  });

  test('alice finds bob by handle and follows him; B accepts', async () => {
    // As any app would: search with resolve=true (WebFinger over https://b.test, then the actor).
    const search = await call<{ accounts: { id: string; acct: string; url: string }[] }>(
      a,
      `/api/v2/search?type=accounts&resolve=true&q=${encodeURIComponent('@bob@b.test')}`,
      { token: alice.token },
    );
    assert.equal(search.status, 200);
    bobOnA = search.body.accounts[0]!;
    assert.equal(bobOnA.acct, 'bob@b.test');
    assert.equal(bobOnA.url, 'https://b.test/@bob');

    const follow = await call(a, `/api/v1/accounts/${bobOnA.id}/follow`, {
      method: 'POST',
      token: alice.token,
      json: {},
    });
    assert.equal(follow.status, 200);
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
    assert.equal(followers[0]!.acct, 'alice@a.test');
    // bob's earlier post was fetched from his outbox and shows in alice's home feed.
    await eventually<{ uri: string }[]>(a, '/api/v1/timelines/home', alice.token, (body) =>
      body.some((s) => s.uri === earlyUri),
    );
  });

  test("bob's post reaches A, alice favourites it, bob deletes it", async () => {
    const post = await call<{ id: string; uri: string; content: string }>(b, '/api/v1/statuses', {
      method: 'POST',
      token: bob.token,
      json: { status: 'Hello from B' },
    });
    assert.equal(post.status, 200);
    assert.match(post.body.uri, /^https:\/\/b\.test\/users\/bob\/statuses\//);
    const onA = await eventually<{ id: string; uri: string; content: string }[]>(
      a,
      `/api/v1/accounts/${bobOnA.id}/statuses`,
      alice.token,
      (body) => body.some((s) => s.uri === post.body.uri),
    );
    const copy = onA.find((s) => s.uri === post.body.uri)!;
    assert.equal(copy.content, post.body.content);
    await eventually<{ uri: string }[]>(a, '/api/v1/timelines/home', alice.token, (body) =>
      body.some((s) => s.uri === post.body.uri),
    );

    const favourite = await call(a, `/api/v1/statuses/${copy.id}/favourite`, {
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
    assert.equal(notifications[0]!.account.acct, 'alice@a.test');

    const deleted = await call(b, `/api/v1/statuses/${post.body.id}`, {
      method: 'DELETE',
      token: bob.token,
    });
    assert.equal(deleted.status, 200);
    await eventually<{ uri: string }[]>(
      a,
      `/api/v1/accounts/${bobOnA.id}/statuses`,
      alice.token,
      (body) => !body.some((s) => s.uri === post.body.uri),
    );
  });

  test('secure mode: B answers only signed fetches, private posts only to who may see them', async () => {
    const say = async (status: string, visibility: string) => {
      const res = await call<{ uri: string }>(b, '/api/v1/statuses', {
        method: 'POST',
        token: bob.token,
        json: { status, visibility },
      });
      assert.equal(res.status, 200);
      return res.body.uri;
    };
    const open = await say('Open to all', 'public');
    const followersOnly = await say('Only for my followers', 'private');
    const direct = await say('Psst @alice@a.test', 'direct');
    // The followers-only post reached alice, A having fetched what it needed signed.
    await eventually<{ uri: string }[]>(a, '/api/v1/timelines/home', alice.token, (body) =>
      body.some((s) => s.uri === followersOnly),
    );

    // Unsigned: only the instance actor, WebFinger and NodeInfo.
    assert.equal(await fetchActivity(open), 401);
    assert.equal(await fetchActivity('https://b.test/users/bob'), 401);
    assert.equal(await fetchActivity('https://b.test/users/bob/outbox'), 401);
    assert.equal(await fetchActivity('https://b.test/actor'), 200);
    assert.equal((await b.request('/.well-known/webfinger?resource=acct:bob@b.test')).status, 200);
    assert.equal((await b.request('/.well-known/nodeinfo')).status, 200);

    // alice follows bob and is mentioned in the direct post; carol neither.
    for (const uri of [open, followersOnly, direct]) {
      assert.equal(await fetchActivity(uri, alice.account), 200, uri);
    }
    assert.equal(await fetchActivity(open, carol.account), 200);
    assert.equal(await fetchActivity(followersOnly, carol.account), 404);
    assert.equal(await fetchActivity(direct, carol.account), 404);
    assert.equal(await fetchActivity('https://b.test/users/bob', carol.account), 200);
  });

  test('A, not in secure mode, serves public posts to anyone and private ones to no stranger', async () => {
    const post = async (status: string, visibility: string) => {
      const res = await call<{ uri: string }>(a, '/api/v1/statuses', {
        method: 'POST',
        token: alice.token,
        json: { status, visibility },
      });
      return res.body.uri;
    };
    assert.equal(await fetchActivity(await post('Hi all', 'public')), 200);
    assert.equal(await fetchActivity('https://a.test/users/alice'), 200);
    const mine = await post('Followers of alice only', 'private');
    // As Mastodon: a post one may not see answers 404, as if it did not exist.
    assert.equal(await fetchActivity(mine), 404);
    assert.equal(await fetchActivity(mine, carol.account), 404);
  });

  test('browsers get the profile page at https://b.test/@bob', async () => {
    const res = await b.request('/@bob', { headers: { accept: 'text/html' } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('vary') ?? '', /Accept/);
    assert.match(await res.text(), /<meta property="og:url" content="https:\/\/b.test\/@bob"/);
  });

  test('opening a thread on B fetches the posts it answers from A', async () => {
    // bob follows alice, so alice's reply reaches B; the post it answers (carol's) does not.
    const found = await call<{ accounts: { id: string }[] }>(
      b,
      `/api/v2/search?type=accounts&resolve=true&q=${encodeURIComponent('@alice@a.test')}`,
      { token: bob.token },
    );
    const aliceOnB = found.body.accounts[0]!.id;
    await call(b, `/api/v1/accounts/${aliceOnB}/follow`, {
      method: 'POST',
      token: bob.token,
      json: {},
    });
    await eventually<{ following: boolean }[]>(
      b,
      `/api/v1/accounts/relationships?id[]=${aliceOnB}`,
      bob.token,
      (body) => body[0]?.following === true,
    );
    const root = await call<{ id: string; uri: string }>(a, '/api/v1/statuses', {
      method: 'POST',
      token: carol.token,
      json: { status: 'Who knits socks?' },
    });
    const reply = await call<{ uri: string }>(a, '/api/v1/statuses', {
      method: 'POST',
      token: alice.token,
      json: { status: 'I do!', in_reply_to_id: root.body.id },
    });
    const onB = await eventually<{ id: string; uri: string }[]>(
      b,
      `/api/v1/accounts/${aliceOnB}/statuses`,
      bob.token,
      (body) => body.some((s) => s.uri === reply.body.uri),
    );
    const replyOnB = onB.find((s) => s.uri === reply.body.uri)!;
    const thread = await eventually<{ ancestors: { uri: string }[] }>(
      b,
      `/api/v1/statuses/${replyOnB.id}/context`,
      bob.token,
      (body) => body.ancestors.length > 0,
    );
    assert.deepEqual(
      thread.ancestors.map((s) => s.uri),
      [root.body.uri],
    );
  });

  test('woolly accounts refresh fetches a remote profile again', async () => {
    // dave has no followers on A, so his profile change is not delivered there.
    const dave = await makeUserWithToken(b.admin.deps, { account: { username: 'dave' } });
    const found = await call<{ accounts: { id: string; display_name: string }[] }>(
      a,
      `/api/v2/search?type=accounts&resolve=true&q=${encodeURIComponent('@dave@b.test')}`,
      { token: alice.token },
    );
    const daveOnA = found.body.accounts[0]!;
    const renamed = await call(b, '/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: dave.token,
      json: { display_name: 'Dave Purls' },
    });
    assert.equal(renamed.status, 200);

    const run = await a.cli(['accounts', 'refresh', 'dave@b.test']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\[1\/1\] dave@b\.test: refreshed/);
    const after = await call<{ display_name: string }>(a, `/api/v1/accounts/${daveOnA.id}`);
    assert.equal(after.body.display_name, 'Dave Purls');

    const none = await a.cli(['accounts', 'refresh', '--domain', 'nowhere.test']);
    assert.equal(none.code, 1);
    assert.match(none.stdout, /No remote account matched/);
    const bad = await a.cli(['accounts', 'refresh', 'dave']);
    assert.notEqual(bad.code, 0);
  });

  vocabularyScenarios(() => ({ a, b }));

  // Last: B goes away.
  test('when B is down, A marks it unavailable after repeated failures', async () => {
    const known = await a.admin.instanceReachability();
    assert.equal(known.find((r) => r.domain === 'b.test')?.state, 'available');
    await b.kill();
    // bob follows alice: each of her posts is a delivery to b.test that fails.
    for (let i = 0; i < 6; i++) {
      await call(a, '/api/v1/statuses', {
        method: 'POST',
        token: alice.token,
        json: { status: `Anyone there? ${i}` },
      });
    }
    // Polled in process (each `woolly` run starts a whole Woolly); then the command once.
    const deadline = Date.now() + 20_000;
    const unavailable = async () =>
      (await a.admin.instanceReachability()).some(
        (r) => r.domain === 'b.test' && r.state === 'unavailable',
      );
    while (!(await unavailable()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const listed = await a.cli(['instances', 'list', '--unavailable']);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(
      listed.stdout,
      /^b\.test\tunavailable since \S+\taccounts: \d+\trecent failures: \d+$/m,
    );
  });
});
