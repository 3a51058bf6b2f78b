import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { registerApp, tokenRequest, type RegisteredApp } from './support.ts';

const notYours = {
  error: 'unauthorized_client',
  error_description: 'You are not authorized to revoke this token',
};

async function passwordToken(w: TestWoolly, app: RegisteredApp, email: string) {
  const res = await tokenRequest(w, {
    grant_type: 'password',
    username: email,
    password: 'password123',
    client_id: app.client_id,
    client_secret: app.client_secret,
  });
  return (await res.json()) as { access_token: string; refresh_token: string };
}

function revoke(w: TestWoolly, fields: Record<string, string>) {
  return w.request('/oauth/revoke', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

forEachDatabase((kind) => {
  test('an app revokes its own token; revoking again, or an unknown token, is still {}', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const token = await passwordToken(w, app, user.email);
    const client = { client_id: app.client_id, client_secret: app.client_secret };

    for (let i = 0; i < 2; i++) {
      const res = await revoke(w, { ...client, token: token.access_token });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), {});
    }
    const verify = await w.request('/api/v1/apps/verify_credentials', {
      token: token.access_token,
    });
    assert.deepEqual(await verify.json(), { error: 'The access token was revoked' });
    const refresh = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
      ...client,
    });
    assert.equal((await refresh.json()).error, 'invalid_grant');

    const unknown = await revoke(w, { ...client, token: 'never-issued' });
    assert.equal(unknown.status, 200);
    assert.deepEqual(await unknown.json(), {});
  });

  test('a refresh token revokes its access token too', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const token = await passwordToken(w, app, user.email);
    const res = await revoke(w, {
      client_id: app.client_id,
      client_secret: app.client_secret,
      token: token.refresh_token,
      token_type_hint: 'refresh_token',
    });
    assert.equal(res.status, 200);
    const verify = await w.request('/api/v1/apps/verify_credentials', {
      token: token.access_token,
    });
    assert.equal(verify.status, 401);
  });

  test('another app\u2019s token, or no client at all, is a 403 and changes nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const other = await registerApp(w);
    const token = await passwordToken(w, app, user.email);
    const attempts: Record<string, string>[] = [
      { client_id: other.client_id, client_secret: other.client_secret, token: token.access_token },
      { client_id: app.client_id, client_secret: 'wrong', token: token.access_token },
      { token: token.access_token },
    ];
    for (const fields of attempts) {
      const res = await revoke(w, fields);
      assert.equal(res.status, 403);
      assert.deepEqual(await res.json(), notYours);
    }
    const verify = await w.request('/api/v1/apps/verify_credentials', {
      token: token.access_token,
    });
    assert.equal(verify.status, 200);
  });
});
