import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { registerApp, tokenRequest } from './support.ts';

const invalidClient = {
  error: 'invalid_client',
  error_description:
    'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
};
const invalidScope = {
  error: 'invalid_scope',
  error_description: 'The requested scope is invalid, unknown, or malformed.',
};
const invalidGrant = {
  error: 'invalid_grant',
  error_description:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
};

async function tokenCount(w: TestWoolly): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM oauth_access_tokens');
  return Number(row!.n);
}

forEachDatabase((kind) => {
  test('client_credentials: form, JSON or HTTP Basic; an app-only token', async (t) => {
    const w = await startTestWoolly(t, kind);
    const app = await registerApp(w, { scopes: 'read write push' });

    const form = await tokenRequest(w, {
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    assert.equal(form.status, 200);
    const token = (await form.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(token).sort(), [
      'access_token',
      'created_at',
      'scope',
      'token_type',
    ]);
    assert.equal(token.scope, 'read');

    const json = await w.request('/oauth/token', {
      method: 'POST',
      json: {
        grant_type: 'client_credentials',
        client_id: app.client_id,
        client_secret: app.client_secret,
        scope: 'write push',
      },
    });
    assert.equal((await json.json()).scope, 'write push');

    const basic = Buffer.from(`${app.client_id}:${app.client_secret}`).toString('base64');
    const res = await tokenRequest(
      w,
      { grant_type: 'client_credentials', scope: 'read+write' },
      { authorization: `Basic ${basic}` },
    );
    assert.equal(res.status, 200);
    const appToken = (await res.json()) as { access_token: string; scope: string };
    assert.equal(appToken.scope, 'read write');

    const verify = await w.request('/api/v1/apps/verify_credentials', {
      token: appToken.access_token,
    });
    assert.equal(verify.status, 200);
    assert.equal((await verify.json()).name, 'Test app');
  });

  test('bad client credentials are a 401 invalid_client, and nothing is issued', async (t) => {
    const w = await startTestWoolly(t, kind);
    const app = await registerApp(w);
    const attempts: [Record<string, string>, Record<string, string>][] = [
      [{ client_id: app.client_id, client_secret: 'wrong' }, {}],
      [{ client_id: 'nobody', client_secret: app.client_secret }, {}],
      [{}, {}],
      [{ client_id: app.client_id }, {}],
      [{}, { authorization: `Basic ${Buffer.from(`${app.client_id}:nope`).toString('base64')}` }],
    ];
    for (const [fields, headers] of attempts) {
      const res = await tokenRequest(w, { grant_type: 'client_credentials', ...fields }, headers);
      assert.equal(res.status, 401, JSON.stringify(fields));
      assert.deepEqual(await res.json(), invalidClient);
      assert.match(
        res.headers.get('www-authenticate')!,
        /^Bearer realm="Doorkeeper", error="invalid_client"/,
      );
      assert.equal(res.headers.get('cache-control'), 'no-store');
    }
    assert.equal(await tokenCount(w), 0);
  });

  test('scopes outside the registration, grant types and parameters Mastodon refuses', async (t) => {
    const w = await startTestWoolly(t, kind);
    const app = await registerApp(w, { scopes: 'read write' });
    const client = { client_id: app.client_id, client_secret: app.client_secret };
    for (const scope of ['push', 'read:statuses', 'read bogus', 'admin:read']) {
      const res = await tokenRequest(w, { grant_type: 'client_credentials', scope, ...client });
      assert.equal(res.status, 400, scope);
      assert.deepEqual(await res.json(), invalidScope);
    }
    const implicit = await tokenRequest(w, { grant_type: 'implicit', ...client });
    assert.equal(implicit.status, 400);
    assert.deepEqual(await implicit.json(), {
      error: 'unsupported_grant_type',
      error_description:
        'The authorization grant type is not supported by the authorization server.',
    });
    const none = await tokenRequest(w, client);
    assert.equal(none.status, 400);
    assert.deepEqual(await none.json(), {
      error: 'invalid_request',
      error_description: 'Missing required parameter: grant_type.',
    });
    // An app registered without `read` gets no default scope to fall back on.
    const writer = await registerApp(w, { scopes: 'write' });
    const res = await tokenRequest(w, {
      grant_type: 'client_credentials',
      client_id: writer.client_id,
      client_secret: writer.client_secret,
    });
    assert.deepEqual(await res.json(), invalidScope);
    assert.equal(await tokenCount(w), 0);
  });

  test('password grant: the e-mail address is the username', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const client = { client_id: app.client_id, client_secret: app.client_secret };

    const res = await tokenRequest(w, {
      grant_type: 'password',
      username: user.email.toUpperCase(),
      password: 'password123',
      scope: 'read write',
      ...client,
    });
    assert.equal(res.status, 200);
    const token = (await res.json()) as Record<string, string>;
    assert.equal(token.scope, 'read write');
    assert.ok(token.refresh_token);

    const attempts: [string, string][] = [
      [user.email, 'wrong password'],
      ['nobody@example.com', 'password123'],
      ['', ''],
    ];
    for (const [username, password] of attempts) {
      const bad = await tokenRequest(w, { grant_type: 'password', username, password, ...client });
      assert.equal(bad.status, 400);
      assert.deepEqual(await bad.json(), invalidGrant);
    }
    const noClient = await tokenRequest(w, {
      grant_type: 'password',
      username: user.email,
      password: 'password123',
    });
    assert.equal(noClient.status, 401);
    const wideScope = await tokenRequest(w, {
      grant_type: 'password',
      username: user.email,
      password: 'password123',
      scope: 'admin:write',
      ...client,
    });
    assert.deepEqual(await wideScope.json(), invalidScope);
    assert.equal(await tokenCount(w), 1);
  });
});
