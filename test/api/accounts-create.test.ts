import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countLocalAccounts } from '../../src/db/repositories/accounts.ts';
import { findUserByEmail } from '../../src/db/repositories/users.ts';
import { updateSettings } from '../../src/domain/instance/settings.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeAccount, makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

const alice = {
  username: 'alice',
  email: 'alice@example.com',
  password: 'correct horse battery',
  agreement: true,
  locale: 'en',
};

async function signUp(w: TestWoolly, body: unknown, token?: string) {
  const app = token ?? (await makeAppToken(w.deps)).token;
  const res = await w.request('/api/v1/accounts', { method: 'POST', json: body, token: app });
  return { res, body: await res.json() };
}

forEachDatabase((kind) => {
  test('an app signs someone up and receives a token for the new, unconfirmed user', async (t) => {
    const w = await startTestWoolly(t, kind);
    const mails: { email: string; token: string }[] = [];
    w.deps.events.on('user.confirmation_requested', (e) => void mails.push(e));
    const { application, token: appToken } = await makeAppToken(w.deps, ['read', 'write']);
    const { res, body } = await signUp(w, alice, appToken);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    assertEntity(body, 'Token');
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.scope, application.scopes.join(' '));
    assert.equal(body.created_at, Math.floor(w.clock.now() / 1000));

    const user = await findUserByEmail(w.deps.db, 'alice@example.com');
    assert.ok(user);
    assert.equal(user.confirmedAt, null);
    assert.equal(user.approved, true);
    assert.equal(user.locale, 'en');
    assert.ok(user.passwordHash?.startsWith('$argon2id$'));
    assert.deepEqual(
      mails.map((m) => m.email),
      ['alice@example.com'],
    );
    assert.ok(user.confirmationTokenHash);

    // The token is real, and says the address still needs confirming.
    const me = await w.request('/api/v1/accounts/verify_credentials', { token: body.access_token });
    assert.equal(me.status, 403);
    assert.deepEqual(await me.json(), {
      error: 'Your login is missing a confirmed e-mail address',
    });
  });

  test('sign-up takes form bodies as apps send them', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeAppToken(w.deps);
    const res = await w.request('/api/v1/accounts', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=bob&email=bob%40example.com&password=12345678&agreement=1&locale=de',
    });
    assert.equal(res.status, 200);
    assert.equal((await findUserByEmail(w.deps.db, 'bob@example.com'))?.locale, 'de');
  });

  test('Mastodon’s documented 422: every bad field at once, and nothing written', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { res, body } = await signUp(w, { username: 'bad name!', email: 'x@example.com' });
    assert.equal(res.status, 422);
    assert.deepEqual(body, {
      error:
        "Validation failed: Password can't be blank, Username must contain only letters, numbers and underscores, Service agreement must be accepted",
      details: {
        password: [{ error: 'ERR_BLANK', description: "can't be blank" }],
        username: [
          {
            error: 'ERR_INVALID',
            description: 'must contain only letters, numbers and underscores',
          },
        ],
        agreement: [{ error: 'ERR_ACCEPTED', description: 'must be accepted' }],
      },
    });
    assertEntity(body, 'Error');
    assert.equal(await countLocalAccounts(w.deps.db), 0);
  });

  test('taken, reserved, too long, unknown locale and blank fields get Mastodon’s codes', async (t) => {
    const w = await startTestWoolly(t, kind);
    await makeAccount(w.deps, { username: 'alice', email: 'alice@example.com' });
    let { res, body } = await signUp(w, {
      ...alice,
      username: 'ALICE',
      email: 'Alice@Example.com',
    });
    assert.equal(res.status, 422);
    assert.deepEqual(body.details, {
      email: [{ error: 'ERR_TAKEN', description: 'has already been taken' }],
      username: [{ error: 'ERR_TAKEN', description: 'has already been taken' }],
    });
    assert.equal(
      body.error,
      'Validation failed: E-mail address has already been taken, Username has already been taken',
    );

    ({ res, body } = await signUp(w, {
      ...alice,
      username: 'a'.repeat(31),
      email: 'not-an-address',
      password: 'short',
      locale: 'xx',
    }));
    assert.equal(res.status, 422);
    assert.deepEqual(body.details, {
      email: [{ error: 'ERR_INVALID', description: 'is invalid' }],
      password: [{ error: 'ERR_TOO_SHORT', description: 'is too short (minimum is 8 characters)' }],
      username: [{ error: 'ERR_TOO_LONG', description: 'is too long (maximum is 30 characters)' }],
      locale: [{ error: 'ERR_INCLUSION', description: 'is not included in the list' }],
    });

    ({ res, body } = await signUp(w, { ...alice, username: 'admin', email: 'new@example.com' }));
    assert.deepEqual(body.details, {
      username: [{ error: 'ERR_RESERVED', description: 'is reserved' }],
    });

    ({ res, body } = await signUp(w, { agreement: 'true' }));
    assert.deepEqual(Object.keys(body.details), ['email', 'password', 'username']);
    assert.equal(body.details.email[0].error, 'ERR_BLANK');
    assert.equal(await countLocalAccounts(w.deps.db), 1);
  });

  test('local usernames take letters, digits and underscores only', async (t) => {
    const w = await startTestWoolly(t, kind);
    for (const username of ['dot.ted', 'dash-ed', 'ünï']) {
      const { res, body } = await signUp(w, { ...alice, username });
      assert.equal(res.status, 422, username);
      assert.equal(body.details.username[0].error, 'ERR_INVALID');
    }
    const { res } = await signUp(w, { ...alice, username: 'Under_Score_9' });
    assert.equal(res.status, 200);
  });

  test('closed registrations are 403, whatever the fields', async (t) => {
    const w = await startTestWoolly(t, kind);
    await updateSettings(w.deps, { registrations_mode: 'none' });
    const { res, body } = await signUp(w, alice);
    assert.equal(res.status, 403);
    assert.deepEqual(body, { error: 'This action is not allowed' });
    assert.equal(await countLocalAccounts(w.deps.db), 0);
  });

  test('approval mode: the user waits for approval and must give a reason when asked', async (t) => {
    const w = await startTestWoolly(t, kind);
    await updateSettings(w.deps, { registrations_mode: 'approved', require_invite_text: true });
    let { res, body } = await signUp(w, alice);
    assert.equal(res.status, 422);
    assert.deepEqual(body.details, {
      reason: [{ error: 'ERR_BLANK', description: "can't be blank" }],
    });
    assert.equal(body.error, "Validation failed: Reason can't be blank");

    ({ res, body } = await signUp(w, { ...alice, reason: 'x'.repeat(421) }));
    assert.deepEqual(body.details.reason, [
      { error: 'ERR_TOO_LONG', description: 'is too long (maximum is 420 characters)' },
    ]);

    ({ res, body } = await signUp(w, { ...alice, reason: 'I knit.' }));
    assert.equal(res.status, 200);
    const user = await findUserByEmail(w.deps.db, alice.email);
    assert.equal(user?.approved, false);
    assert.equal(user?.signUpReason, 'I knit.');
    await w.deps.db.run('UPDATE users SET confirmed_at = ? WHERE id = ?', [1, user!.id]);
    const me = await w.request('/api/v1/accounts/verify_credentials', { token: body.access_token });
    assert.deepEqual(await me.json(), { error: 'Your login is currently pending approval' });
  });

  test('with a minimum age, a date of birth is required and checked', async (t) => {
    const w = await startTestWoolly(t, kind); // the clock reads 2026-11-01
    await updateSettings(w.deps, { min_age: 16 });
    const cases: [unknown, string | null][] = [
      [undefined, 'ERR_BLANK'],
      ['2026-02-30', 'ERR_INVALID'],
      ['2010-11-02', 'ERR_BELOW_LIMIT'],
      ['2010-11-01', null],
    ];
    for (const [dateOfBirth, code] of cases) {
      const { res, body } = await signUp(w, { ...alice, date_of_birth: dateOfBirth });
      if (code === null) {
        assert.equal(res.status, 200);
      } else {
        assert.equal(res.status, 422, String(dateOfBirth));
        assert.equal(body.details.date_of_birth[0].error, code);
      }
    }
  });

  test('sign-up needs an app token with write scope', async (t) => {
    const w = await startTestWoolly(t, kind);
    const post = (token?: string) =>
      w.request('/api/v1/accounts', { method: 'POST', json: alice, token });
    let res = await post();
    assert.equal(res.status, 401);
    assert.deepEqual(await res.json(), { error: 'The access token is invalid' });
    res = await post((await makeAppToken(w.deps, ['read'])).token);
    assert.equal(res.status, 403);
    assert.deepEqual(await res.json(), { error: 'This action is outside the authorized scopes' });
    res = await post((await makeAppToken(w.deps, ['write:accounts'])).token);
    assert.equal(res.status, 200);
    // A user's token may sign up someone else too, as in Mastodon.
    const { token } = await makeUserWithToken(w.deps);
    const other = await signUp(w, { ...alice, username: 'alice2', email: 'a2@example.com' }, token);
    assert.equal(other.res.status, 200);
  });

  test('a malformed body is 400 and creates nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { token } = await makeAppToken(w.deps);
    const res = await w.request('/api/v1/accounts', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: '{"username": "alice",',
    });
    assert.equal(res.status, 400);
    assert.match((await res.json()).error, /^Error occurred while parsing request parameters/);
    assert.equal(await countLocalAccounts(w.deps.db), 0);
  });
});
