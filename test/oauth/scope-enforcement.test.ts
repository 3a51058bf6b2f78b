/**
 * The auth middleware every endpoint is built with, on probe routes declared here the way
 * endpoints declare them: Doorkeeper's 401s, Mastodon's 403 for a missing scope and the 403/422
 * of `require_user!`.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import type { AppEnv } from '../../src/api/mastodon/env.ts';
import { renderError } from '../../src/api/mastodon/errors.ts';
import {
  authenticate,
  requireScopes,
  requireUser,
} from '../../src/api/mastodon/middleware/auth.ts';
import { updateUser } from '../../src/db/repositories/users.ts';
import { issueAccessToken } from '../../src/domain/oauth/tokens.ts';
import { makeAppToken, makeUserWithToken } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { registerApp, tokenRequest } from './support.ts';

function probe(w: TestWoolly) {
  const app = new Hono<AppEnv>();
  app.use(async (c, next) => {
    c.set('deps', w.deps);
    c.set('clientIp', null);
    await next();
  });
  app.use(authenticate());
  app.onError(renderError);
  app.get('/accounts', requireScopes('read', 'read:accounts'), requireUser(), (c) => c.json({}));
  app.get('/follows', requireScopes('read', 'read:follows', 'follow'), (c) => c.json({}));
  app.get('/admin', requireScopes('admin:read', 'admin:read:accounts'), (c) => c.json({}));
  return (path: string, token?: string) =>
    app.request(`https://woolly.test${path}`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
}

forEachDatabase((kind) => {
  test('401s say whether the token is unknown, revoked or expired', async (t) => {
    const w = await startTestWoolly(t, kind);
    const call = probe(w);
    const invalid = { error: 'The access token is invalid' };

    const none = await call('/accounts');
    assert.equal(none.status, 401);
    assert.deepEqual(await none.json(), invalid);
    assert.equal(
      none.headers.get('www-authenticate'),
      'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"',
    );
    assert.deepEqual(await (await call('/accounts', 'made-up')).json(), invalid);

    const { application, account, user } = await makeUserWithToken(w.deps);
    const app = await registerApp(w);
    const other = await registerApp(w);
    const { access_token: token } = (await (
      await tokenRequest(w, {
        grant_type: 'password',
        username: user.email,
        password: 'password123',
        client_id: app.client_id,
        client_secret: app.client_secret,
      })
    ).json()) as { access_token: string };
    assert.equal((await call(`/accounts?access_token=${token}`)).status, 200);
    const revoke = (client: typeof app) =>
      w.request('/oauth/revoke', {
        method: 'POST',
        json: { client_id: client.client_id, client_secret: client.client_secret, token },
      });
    assert.equal((await revoke(other)).status, 403, 'another app may not revoke it');
    assert.equal((await call('/accounts', token)).status, 200);
    assert.equal((await revoke(app)).status, 200);
    const revoked = await call('/accounts', token);
    assert.equal(revoked.status, 401);
    assert.deepEqual(await revoked.json(), { error: 'The access token was revoked' });

    const expiring = await issueAccessToken(w.deps, {
      applicationId: application.id,
      accountId: account.id,
      scopes: ['read'],
      lifetimeMs: 60_000,
    });
    assert.equal((await call('/accounts', expiring.accessToken)).status, 200);
    w.clock.advance(60_000);
    const expired = await call('/accounts', expiring.accessToken);
    assert.equal(expired.status, 401);
    assert.deepEqual(await expired.json(), { error: 'The access token expired' });
  });

  test('scopes: broad ones cover their granular children, nothing else', async (t) => {
    const w = await startTestWoolly(t, kind);
    const call = probe(w);
    const outside = { error: 'This action is outside the authorized scopes' };
    const cases: [string[], string, number][] = [
      [['read'], '/accounts', 200],
      [['read:accounts'], '/accounts', 200],
      [['read:statuses'], '/accounts', 403],
      [['write', 'push'], '/accounts', 403],
      [['profile'], '/accounts', 403],
      [['follow'], '/follows', 200],
      [['read:follows'], '/follows', 200],
      [['write:follows'], '/follows', 403],
      [['admin:read'], '/admin', 200],
      [['admin:read:accounts'], '/admin', 200],
      [['read', 'write'], '/admin', 403],
      [['admin:write'], '/admin', 403],
    ];
    for (const [scopes, path, status] of cases) {
      const { token } = await makeUserWithToken(w.deps, { scopes });
      const res = await call(path, token);
      assert.equal(res.status, status, `${scopes.join(' ')} on ${path}`);
      if (status === 403) {
        assert.deepEqual(await res.json(), outside);
        assert.match(res.headers.get('www-authenticate')!, /error="insufficient_scope"/);
      }
    }
  });

  test('a user is needed, and a usable one', async (t) => {
    const w = await startTestWoolly(t, kind);
    const call = probe(w);
    const { token: appOnly } = await makeAppToken(w.deps, ['read']);
    const res = await call('/accounts', appOnly);
    assert.equal(res.status, 422);
    assert.deepEqual(await res.json(), { error: 'This method requires an authenticated user' });

    const problems: [Parameters<typeof updateUser>[2], string][] = [
      [{ disabled: true }, 'Your login is currently disabled'],
      [{ confirmedAt: null }, 'Your login is missing a confirmed e-mail address'],
      [{ approved: false }, 'Your login is currently pending approval'],
    ];
    for (const [change, message] of problems) {
      const { token, user } = await makeUserWithToken(w.deps);
      await updateUser(w.deps.db, user.id, change);
      const refused = await call('/accounts', token);
      assert.equal(refused.status, 403);
      assert.deepEqual(await refused.json(), { error: message });
    }
  });

  test('a disabled user still gets a password token, as in Mastodon, which the API then refuses', async (t) => {
    const w = await startTestWoolly(t, kind);
    const call = probe(w);
    const { user } = await makeUserWithToken(w.deps);
    await updateUser(w.deps.db, user.id, { disabled: true });
    const app = await registerApp(w);
    const res = await tokenRequest(w, {
      grant_type: 'password',
      username: user.email,
      password: 'password123',
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    assert.equal(res.status, 200);
    const { access_token } = (await res.json()) as { access_token: string };
    const refused = await call('/accounts', access_token);
    assert.equal(refused.status, 403);
    assert.deepEqual(await refused.json(), { error: 'Your login is currently disabled' });
  });
});
