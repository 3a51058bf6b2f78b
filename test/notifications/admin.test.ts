import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUserByEmail } from '../../src/db/repositories/users.ts';
import { modifyUser } from '../../src/domain/accounts/modify-user.ts';
import { updateSettings } from '../../src/domain/instance/settings.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeAppToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, person, seen } from './helpers.ts';

/** Signs `username` up through the API; returns the confirmation token mailed. */
async function signUp(w: TestWoolly, username: string): Promise<string> {
  const tokens: string[] = [];
  const off = w.deps.events.on('user.confirmation_requested', (e) => void tokens.push(e.token));
  const { token } = await makeAppToken(w.deps);
  const res = await w.request('/api/v1/accounts', {
    method: 'POST',
    token,
    json: {
      username,
      email: `${username}@example.com`,
      password: 'correct horse battery',
      agreement: true,
      locale: 'en',
    },
  });
  off();
  assert.equal(res.status, 200, await res.text());
  assert.equal(tokens.length, 1);
  return tokens[0]!;
}

async function accountIdOf(w: TestWoolly, username: string): Promise<string> {
  const user = await findUserByEmail(w.deps.db, `${username}@example.com`);
  assert.ok(user);
  return user.accountId;
}

forEachDatabase((kind) => {
  test('a new user notifies those who manage users once confirmed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const admin = await person(w, { account: { role: 'Admin' } });
    // Made confirmed and approved (as `woolly accounts create --confirmed`): announced at once.
    const moderator = await person(w, { account: { role: 'Moderator' } });
    assert.deepEqual(await seen(w, admin), [
      { type: 'admin.sign_up', from: moderator.account.id, status: null },
    ]);
    const user = await person(w);
    const token = await signUp(w, 'newcomer');
    const newcomer = await accountIdOf(w, 'newcomer');
    const fromNewcomer = `?account_id=${newcomer}`;
    assert.deepEqual(await seen(w, admin, fromNewcomer), [], 'not before it is confirmed');

    const confirmed = await w.request(`/auth/confirmation?confirmation_token=${token}`);
    assert.ok(confirmed.status < 400);
    for (const staff of [admin, moderator]) {
      assert.deepEqual(await seen(w, staff, fromNewcomer), [
        { type: 'admin.sign_up', from: newcomer, status: null },
      ]);
    }
    assert.deepEqual(await seen(w, user), [], 'a user who may not manage users is not told');
    const [json] = (await admin.api.get(`/api/v1/notifications${fromNewcomer}`)).list;
    assertEntity(json, 'Notification');
    assert.match(String(json!.group_key), /^admin\.sign_up-\d+$/);
  });

  test('a user waiting for approval is announced when approved', async (t) => {
    const w = await startTestWoolly(t, kind);
    const admin = await person(w, { account: { role: 'Owner' } });
    await updateSettings(w.deps, { registrations_mode: 'approved' });
    const token = await signUp(w, 'waiting');
    await w.request(`/auth/confirmation?confirmation_token=${token}`);
    assert.deepEqual(await seen(w, admin), [], 'confirmed but not approved');
    const user = await findUserByEmail(w.deps.db, 'waiting@example.com');
    assert.ok(user);
    await modifyUser(w.deps, user, { approve: true });
    const waiting = await accountIdOf(w, 'waiting');
    assert.deepEqual(await seen(w, admin), [
      { type: 'admin.sign_up', from: waiting, status: null },
    ]);
  });

  test('a report notifies those who manage reports, with the report', async (t) => {
    const w = await startTestWoolly(t, kind);
    const moderator = await person(w, { account: { role: 'Moderator' } });
    const user = await person(w);
    const alice = await person(w);
    const spammer = await person(w);
    const first = await act(alice, '/api/v1/reports', {
      account_id: spammer.account.id,
      comment: 'spam',
      category: 'spam',
    });
    const reports = '?types[]=admin.report';
    assert.deepEqual(await seen(w, moderator, reports), [
      { type: 'admin.report', from: alice.account.id, status: null },
    ]);
    assert.deepEqual(await seen(w, user), []);
    const [json] = (await moderator.api.get(`/api/v1/notifications${reports}`)).list;
    assertEntity(json, 'Notification');
    const report = json!.report as { id: string; target_account: { id: string } };
    assert.equal(report.id, first.body.id);
    assert.equal(report.target_account.id, spammer.account.id);

    // While that report waits, another one on the same account is not announced again.
    await act(user, '/api/v1/reports', { account_id: spammer.account.id, comment: 'again' });
    assert.equal((await seen(w, moderator, reports)).length, 1);
  });
});
