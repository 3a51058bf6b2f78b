import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findUserById } from '../../src/db/repositories/users.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('POST /api/v1/emails/confirmations resends the mail to an unconfirmed user', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user, token } = await makeUserWithToken(w.deps, {
      account: { username: 'kim', confirmed: false },
    });
    const sent: string[] = [];
    w.deps.events.on('user.confirmation_requested', (e) => void sent.push(e.email));

    const res = await w.request('/api/v1/emails/confirmations', { method: 'POST', token });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), {});

    const corrected = await w.request('/api/v1/emails/confirmations', {
      method: 'POST',
      token,
      json: { email: 'kim.new@example.com' },
    });
    assert.equal(corrected.status, 200);
    assert.deepEqual(sent, ['kim@example.com', 'kim.new@example.com']);
    assert.equal((await findUserById(w.deps.db, user.id))?.email, 'kim.new@example.com');

    const check = await w.request('/api/v1/emails/check_confirmation', { token });
    assert.equal(check.status, 200);
    assert.equal(await check.json(), false);
  });

  test('a confirmed user gets Mastodon\u2019s 403; a bad address a 422', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeUserWithToken(w.deps, { account: { username: 'lee' } });
    const res = await w.request('/api/v1/emails/confirmations', { method: 'POST', token });
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), {
      error: 'This method is only available while the e-mail is awaiting confirmation',
    });
    const check = await w.request('/api/v1/emails/check_confirmation', { token });
    assert.equal(await check.json(), true);

    const other = await makeUserWithToken(w.deps, {
      account: { username: 'max', confirmed: false },
    });
    const taken = await w.request('/api/v1/emails/confirmations', {
      method: 'POST',
      token: other.token,
      json: { email: 'lee@example.com' },
    });
    assert.equal(taken.status, 422);
    assert.equal(
      ((await taken.json()) as { error: string }).error,
      'Validation failed: E-mail address has already been taken',
    );
  });

  test('the endpoints need a token with the right scope', async (t) => {
    const w = await startTestWoolly(t, kind);
    const none = await w.request('/api/v1/emails/confirmations', { method: 'POST' });
    assert.equal(none.status, 401);
    const { token } = await makeUserWithToken(w.deps, {
      scopes: ['read'],
      account: { username: 'ned', confirmed: false },
    });
    const res = await w.request('/api/v1/emails/confirmations', { method: 'POST', token });
    assert.equal(res.status, 403);
  });
});
