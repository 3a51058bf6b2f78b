/**
 * The vocabulary beyond posts between the two real instances of two-instances.test.ts (which
 * starts the pair and runs these after its own scenarios, before B goes down): a poll voted on
 * across servers, an emoji reaction and its Undo, an account that moves, and an account that
 * is deleted, each checked through the other side's Mastodon API. Moves and deletions have no Mastodon API (Mastodon does them
 * on its settings pages): they go through the same domain services as `woolly accounts
 * move|delete`, on the processes' databases. Its own accounts (vera and erin on A, bruno and
 * dina on B) keep it apart from the other scenarios.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { AccountRecord } from '../../src/db/repositories/accounts.ts';
import { deleteLocalAccount } from '../../src/domain/accounts/delete-local-account.ts';
import { addCustomEmoji } from '../../src/domain/instance/custom-emojis.ts';
import { addAlias } from '../../src/domain/migration/aliases.ts';
import { moveLocalAccount } from '../../src/domain/migration/move-account.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import type { WoollyProcess } from './woolly-process.ts';
import { call, eventually } from './process-calls.ts';

type User = { account: AccountRecord; token: string };

export function vocabularyScenarios(pair: () => { a: WoollyProcess; b: WoollyProcess }): void {
  describe('polls, reactions, moves and deletions between a.test and b.test', () => {
    let a: WoollyProcess;
    let b: WoollyProcess;
    let vera: User;
    let erin: User;
    let bruno: User;
    let dina: User;
    let brunoOnA: string;

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
      ({ a, b } = pair());
      vera = await makeUserWithToken(a.admin.deps, { account: { username: 'vera' } });
      erin = await makeUserWithToken(a.admin.deps, { account: { username: 'erin' } });
      bruno = await makeUserWithToken(b.admin.deps, { account: { username: 'bruno' } });
      dina = await makeUserWithToken(b.admin.deps, { account: { username: 'dina' } });
      brunoOnA = await follows(vera, '@bruno@b.test');
    });

    test("vera votes in bruno's poll and B counts her vote", async () => {
      const post = await call<{ id: string; uri: string; poll: { id: string } }>(
        b,
        '/api/v1/statuses',
        {
          method: 'POST',
          token: bruno.token,
          json: {
            status: 'Tea or coffee?',
            poll: { options: ['tea', 'coffee'], expires_in: 3600 },
          },
        },
      );
      assert.equal(post.status, 200);
      const onA = await eventually<
        { uri: string; poll: { id: string; options: unknown[] } | null }[]
      >(a, `/api/v1/accounts/${brunoOnA}/statuses`, vera.token, (body) =>
        body.some((s) => s.uri === post.body.uri && s.poll !== null),
      );
      const poll = onA.find((s) => s.uri === post.body.uri)!.poll!;
      assert.equal(poll.options.length, 2);
      const vote = await call<{ own_votes: number[] }>(a, `/api/v1/polls/${poll.id}/votes`, {
        method: 'POST',
        token: vera.token,
        json: { choices: ['1'] },
      });
      assert.equal(vote.status, 200);
      const counted = await eventually<{ votes_count: number; options: { votes_count: number }[] }>(
        b,
        `/api/v1/polls/${post.body.poll.id}`,
        bruno.token,
        (body) => body.votes_count === 1,
      );
      assert.deepEqual(
        counted.options.map((o) => o.votes_count),
        [0, 1],
      );
    });

    test("vera reacts to bruno's post with an emoji, B lists it, and she takes it back", async () => {
      const post = await call<{ id: string; uri: string }>(b, '/api/v1/statuses', {
        method: 'POST',
        token: bruno.token,
        json: { status: 'React to me' },
      });
      const onA = await eventually<{ id: string; uri: string }[]>(
        a,
        `/api/v1/accounts/${brunoOnA}/statuses`,
        vera.token,
        (body) => body.some((s) => s.uri === post.body.uri),
      );
      const path = (id: string) => `/api/v1/pleroma/statuses/${id}/reactions`;
      const here = onA.find((s) => s.uri === post.body.uri)!.id;
      const react = await call(a, `${path(here)}/${encodeURIComponent('🎉')}`, {
        method: 'PUT',
        token: vera.token,
      });
      assert.equal(react.status, 200);
      type Reactions = { name: string; count: number; accounts: { acct: string }[] }[];
      const listed = await eventually<Reactions>(b, path(post.body.id), bruno.token, (body) =>
        body.some((r) => r.name === '🎉'),
      );
      assert.deepEqual(
        listed.map((r) => [r.name, r.count, r.accounts.map((x) => x.acct)]),
        [['🎉', 1, ['vera@a.test']]],
      );
      await call(a, `${path(here)}/${encodeURIComponent('🎉')}`, {
        method: 'DELETE',
        token: vera.token,
      });
      await eventually<Reactions>(b, path(post.body.id), bruno.token, (body) => body.length === 0);
    });

    test("bruno's post with B's custom emoji shows the emoji on A", async () => {
      const emoji = await addCustomEmoji(b.admin.deps, {
        shortcode: 'bwave',
        imageUrl: 'https://b.test/bwave.png',
        staticUrl: 'https://b.test/bwave.png',
      });
      const post = await call<{ uri: string }>(b, '/api/v1/statuses', {
        method: 'POST',
        token: bruno.token,
        json: { status: 'Hi :bwave:' },
      });
      const onA = await eventually<{ uri: string; emojis: { shortcode: string }[] }[]>(
        a,
        `/api/v1/accounts/${brunoOnA}/statuses`,
        vera.token,
        (body) => body.some((s) => s.uri === post.body.uri),
      );
      const shown = onA.find((s) => s.uri === post.body.uri)!;
      assert.deepEqual(
        shown.emojis.map((e) => e.shortcode),
        ['bwave'],
      );
      // Its id answers unsigned, though B is in secure mode (as Mastodon serves emojis).
      const served = await call<{ name: string }>(b, `/emojis/${emoji.id}`, {
        headers: { accept: 'application/activity+json' },
      });
      assert.equal(served.body.name, ':bwave:');
    });

    test('bruno moves to dina: vera on A follows dina and sees bruno as moved', async () => {
      const aliased = await addAlias(b.admin.deps, dina.account, bruno.account);
      await moveLocalAccount(b.admin.deps, bruno.account, aliased);
      const moved = await eventually<{ moved?: { acct: string } }>(
        a,
        `/api/v1/accounts/${brunoOnA}`,
        vera.token,
        (body) => body.moved !== undefined,
      );
      assert.equal(moved.moved!.acct, 'dina@b.test');
      const followers = await eventually<{ acct: string }[]>(
        b,
        `/api/v1/accounts/${dina.account.id}/followers`,
        dina.token,
        (body) => body.length === 1,
      );
      assert.equal(followers[0]!.acct, 'vera@a.test');
    });

    test("erin's account is deleted on A and B forgets her", async () => {
      await follows(erin, '@dina@b.test');
      await eventually<unknown[]>(
        b,
        `/api/v1/accounts/${dina.account.id}/followers`,
        dina.token,
        (body) => body.length === 2,
      );
      await deleteLocalAccount(a.admin.deps, { account: erin.account });
      const left = await eventually<{ acct: string }[]>(
        b,
        `/api/v1/accounts/${dina.account.id}/followers`,
        dina.token,
        (body) => body.length === 1,
      );
      assert.equal(left[0]!.acct, 'vera@a.test');
    });
  });
}
