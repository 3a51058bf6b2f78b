/**
 * The vocabulary beyond posts between two real instances (separate `bin/woolly start`
 * processes on a.test and b.test over HTTPS, as two-instances.test.ts starts them): a poll
 * voted on across servers, an account that moves, and an account that is deleted, each
 * checked through the other side's Mastodon API. Moves and deletions have no Mastodon API
 * (Mastodon does them on its settings pages): they go through the same domain services as
 * `woolly accounts move|delete`, on the processes' databases.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { deleteLocalAccount } from '../../src/domain/accounts/delete-local-account.ts';
import { addAlias } from '../../src/domain/migration/aliases.ts';
import { moveLocalAccount } from '../../src/domain/migration/move-account.ts';
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

type User = { account: AccountRecord; token: string };

describe('polls, moves and deletions between a.test and b.test', () => {
  let cert: TestCertificate;
  let a: WoollyProcess;
  let b: WoollyProcess;
  let alice: User;
  let erin: User;
  let bob: User;
  let dave: User;
  let bobOnA: string;

  /** `follower` on A follows `handle` on B, and B accepts. */
  async function follows(follower: User, handle: string): Promise<string> {
    const search = await call<{ accounts: { id: string }[] }>(
      a,
      `/api/v2/search?type=accounts&resolve=true&q=${encodeURIComponent(handle)}`,
      { token: follower.token },
    );
    const id = search.body.accounts[0]!.id;
    await call(a, `/api/v1/accounts/${id}/follow`, {
      method: 'POST',
      token: follower.token,
      json: {},
    });
    await eventually<{ following: boolean }[]>(
      a,
      `/api/v1/accounts/relationships?id[]=${id}`,
      follower.token,
      (body) => body[0]?.following === true,
    );
    return id;
  }

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
      startWoollyProcess(planned[0]!, planned, cert),
      startWoollyProcess(planned[1]!, planned, cert),
    ]);
    alice = await makeUserWithToken(a.admin.deps, { account: { username: 'alice' } });
    erin = await makeUserWithToken(a.admin.deps, { account: { username: 'erin' } });
    bob = await makeUserWithToken(b.admin.deps, { account: { username: 'bob' } });
    dave = await makeUserWithToken(b.admin.deps, { account: { username: 'dave' } });
    bobOnA = await follows(alice, '@bob@b.test');
  });

  after(async () => {
    if (process.env.TWO_INSTANCES_LOGS) {
      for (const w of [a, b]) console.log(`--- ${w?.host}\n${w?.output.join('')}`);
    }
    await Promise.all([a?.stop(), b?.stop()]);
    cert?.dispose();
  });

  test("alice votes in bob's poll and B counts her vote", async () => {
    const post = await call<{ id: string; uri: string; poll: { id: string } }>(
      b,
      '/api/v1/statuses',
      {
        method: 'POST',
        token: bob.token,
        json: { status: 'Tea or coffee?', poll: { options: ['tea', 'coffee'], expires_in: 3600 } },
      },
    );
    assert.equal(post.status, 200);
    const onA = await eventually<
      { uri: string; poll: { id: string; options: unknown[] } | null }[]
    >(a, `/api/v1/accounts/${bobOnA}/statuses`, alice.token, (body) =>
      body.some((s) => s.uri === post.body.uri && s.poll !== null),
    );
    const poll = onA.find((s) => s.uri === post.body.uri)!.poll!;
    assert.equal(poll.options.length, 2);
    const vote = await call<{ own_votes: number[] }>(a, `/api/v1/polls/${poll.id}/votes`, {
      method: 'POST',
      token: alice.token,
      json: { choices: ['1'] },
    });
    assert.equal(vote.status, 200);
    const counted = await eventually<{ votes_count: number; options: { votes_count: number }[] }>(
      b,
      `/api/v1/polls/${post.body.poll.id}`,
      bob.token,
      (body) => body.votes_count === 1,
    );
    assert.deepEqual(
      counted.options.map((o) => o.votes_count),
      [0, 1],
    );
  });

  test('bob moves to dave: alice on A follows dave and sees bob as moved', async () => {
    const aliased = await addAlias(b.admin.deps, dave.account, bob.account);
    await moveLocalAccount(b.admin.deps, bob.account, aliased);
    const moved = await eventually<{ moved?: { acct: string } }>(
      a,
      `/api/v1/accounts/${bobOnA}`,
      alice.token,
      (body) => body.moved !== undefined,
    );
    assert.equal(moved.moved!.acct, 'dave@b.test');
    const followers = await eventually<{ acct: string }[]>(
      b,
      `/api/v1/accounts/${dave.account.id}/followers`,
      dave.token,
      (body) => body.length === 1,
    );
    assert.equal(followers[0]!.acct, 'alice@a.test');
  });

  test("erin's account is deleted on A and B forgets her", async () => {
    await follows(erin, '@dave@b.test');
    await eventually<unknown[]>(
      b,
      `/api/v1/accounts/${dave.account.id}/followers`,
      dave.token,
      (body) => body.length === 2,
    );
    await deleteLocalAccount(a.admin.deps, { account: erin.account });
    const left = await eventually<{ acct: string }[]>(
      b,
      `/api/v1/accounts/${dave.account.id}/followers`,
      dave.token,
      (body) => body.length === 1,
    );
    assert.equal(left[0]!.acct, 'alice@a.test');
  });
});
