import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken } from '../../src/core/tokens.ts';
import { updateAccount } from '../../src/db/repositories/accounts.ts';
import {
  findAccessTokenByHash,
  revokeAccessToken,
} from '../../src/db/repositories/oauth-tokens.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { client, person, type Person } from './helpers.ts';

async function followIds(w: TestWoolly, column: string, id: string): Promise<string[]> {
  const rows = await w.deps.db.all<{ id: string | number }>(
    `SELECT id FROM follows WHERE ${column} = ? ORDER BY id DESC`,
    [id],
  );
  return rows.map((r) => String(r.id));
}

forEachDatabase((kind) => {
  test('followers and following page by follow id, newest first, with Link headers', async (t) => {
    const w = await startTestWoolly(t, kind);
    const star = await person(w);
    const fans: Person[] = [];
    for (let i = 0; i < 3; i++) {
      const fan = await person(w);
      w.clock.advance(1000);
      await fan.api.post(`/api/v1/accounts/${star.account.id}/follow`);
      await star.api.post(`/api/v1/accounts/${fan.account.id}/follow`);
      fans.push(fan);
    }
    const anonymous = client(w);
    const followers = await followIds(w, 'target_account_id', star.account.id);
    const first = await anonymous.get(`/api/v1/accounts/${star.account.id}/followers?limit=2`);
    assert.equal(first.status, 200);
    assert.deepEqual(
      first.list.map((a) => a.id),
      [fans[2]!.account.id, fans[1]!.account.id],
    );
    for (const account of first.list) assertEntity(account, 'Account');
    const base = `https://woolly.test/api/v1/accounts/${star.account.id}/followers`;
    assert.equal(
      first.link,
      `<${base}?limit=2&max_id=${followers[1]}>; rel="next", <${base}?limit=2&since_id=${followers[0]}>; rel=\"prev\"`,
    );
    const second = await anonymous.get(
      `/api/v1/accounts/${star.account.id}/followers?limit=2&max_id=${followers[1]}`,
    );
    assert.deepEqual(
      second.list.map((a) => a.id),
      [fans[0]!.account.id],
    );

    const following = await followIds(w, 'account_id', star.account.id);
    const out = await anonymous.get(`/api/v1/accounts/${star.account.id}/following?limit=1`);
    assert.deepEqual(
      out.list.map((a) => a.id),
      [fans[2]!.account.id],
    );
    assert.match(out.link ?? '', new RegExp(`max_id=${following[0]}>; rel="next"`));
    assert.deepEqual(
      (
        await anonymous.get(
          `/api/v1/accounts/${star.account.id}/following?since_id=${following[1]}`,
        )
      ).list.map((a) => a.id),
      [fans[2]!.account.id],
    );
  });

  test('an account that hides its network shows it to itself only', async (t) => {
    const w = await startTestWoolly(t, kind);
    const shy = await person(w);
    const fan = await person(w);
    await fan.api.post(`/api/v1/accounts/${shy.account.id}/follow`);
    await shy.api.post(`/api/v1/accounts/${fan.account.id}/follow`);
    await updateAccount(w.deps.db, shy.account.id, { hideCollections: true });
    for (const list of ['followers', 'following']) {
      const path = `/api/v1/accounts/${shy.account.id}/${list}`;
      const others = await fan.api.get(path);
      assert.equal(others.status, 200);
      assert.deepEqual(others.list, []);
      assert.equal(others.link, null);
      assert.deepEqual((await client(w).get(path)).list, []);
      const own = await shy.api.get(path);
      assert.deepEqual(
        own.list.map((a) => a.id),
        [fan.account.id],
      );
    }
  });

  test('a viewer does not see the accounts they block, are blocked by or mute', async (t) => {
    const w = await startTestWoolly(t, kind);
    const viewer = await person(w);
    const star = await person(w);
    const blocked = await person(w);
    const blocker = await person(w);
    const muted = await person(w);
    const plain = await person(w);
    for (const p of [blocked, blocker, muted, plain]) {
      await p.api.post(`/api/v1/accounts/${star.account.id}/follow`);
    }
    await viewer.api.post(`/api/v1/accounts/${blocked.account.id}/block`);
    await blocker.api.post(`/api/v1/accounts/${viewer.account.id}/block`);
    await viewer.api.post(`/api/v1/accounts/${muted.account.id}/mute`);
    const seen = await viewer.api.get(`/api/v1/accounts/${star.account.id}/followers`);
    assert.deepEqual(
      seen.list.map((a) => a.id),
      [plain.account.id],
    );
    const anonymous = await client(w).get(`/api/v1/accounts/${star.account.id}/followers`);
    assert.equal(anonymous.list.length, 4);
  });

  test('suspended accounts list nobody and are listed by nobody', async (t) => {
    const w = await startTestWoolly(t, kind);
    const star = await person(w);
    const fan = await person(w);
    const gone = await person(w);
    await fan.api.post(`/api/v1/accounts/${star.account.id}/follow`);
    await gone.api.post(`/api/v1/accounts/${star.account.id}/follow`);
    await updateAccount(w.deps.db, gone.account.id, { suspendedAt: w.clock.now() });
    const list = await client(w).get(`/api/v1/accounts/${star.account.id}/followers`);
    assert.deepEqual(
      list.list.map((a) => a.id),
      [fan.account.id],
    );
    await updateAccount(w.deps.db, star.account.id, { suspendedAt: w.clock.now() });
    assert.deepEqual(
      (await client(w).get(`/api/v1/accounts/${star.account.id}/followers`)).list,
      [],
    );
  });

  test('unknown accounts are a 404; a token without read:accounts is a 403', async (t) => {
    const w = await startTestWoolly(t, kind);
    const star = await person(w);
    const res = await client(w).get('/api/v1/accounts/4242/followers');
    assert.equal(res.status, 404);
    assert.deepEqual(res.body, { error: 'Record not found' });
    const writer = await person(w, { scopes: ['write'] });
    const denied = await writer.api.get(`/api/v1/accounts/${star.account.id}/following`);
    assert.equal(denied.status, 403);
    // A token Woolly never issued counts as none (Doorkeeper finds no token); a revoked one is a 401.
    const path = `/api/v1/accounts/${star.account.id}/following`;
    assert.equal((await client(w, 'not-a-token').get(path)).status, 200);
    const revoked = await person(w);
    const record = await findAccessTokenByHash(w.deps.db, hashToken(revoked.token));
    await revokeAccessToken(w.deps.db, record!.id, w.clock.now());
    const refused = await revoked.api.get(path);
    assert.equal(refused.status, 401);
    assert.deepEqual(refused.body, { error: 'The access token was revoked' });
  });
});
