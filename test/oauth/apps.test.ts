import assert from 'node:assert/strict';
import { test } from 'node:test';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { registerApp, tokenRequest } from './support.ts';

async function appCount(w: TestWoolly): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM oauth_applications');
  return Number(row!.n);
}

function register(w: TestWoolly, body: Record<string, unknown>) {
  return w.request('/api/v1/apps', { method: 'POST', json: body });
}

forEachDatabase((kind) => {
  test('POST /api/v1/apps answers a CredentialApplication', async (t) => {
    const w = await startTestWoolly(t, kind);
    const res = await register(w, {
      client_name: 'Test Application',
      redirect_uris: 'urn:ietf:wg:oauth:2.0:oob',
      scopes: 'read write push',
      website: 'https://app.example',
    });
    assert.equal(res.status, 200);
    const app = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(app).sort(), [
      'client_id',
      'client_secret',
      'client_secret_expires_at',
      'id',
      'name',
      'redirect_uri',
      'redirect_uris',
      'scopes',
      'website',
    ]);
    assert.match(String(app.id), /^[0-9]+$/);
    assert.equal(app.name, 'Test Application');
    assert.equal(app.website, 'https://app.example');
    assert.deepEqual(app.scopes, ['read', 'write', 'push']);
    assert.equal(app.redirect_uri, 'urn:ietf:wg:oauth:2.0:oob');
    assert.deepEqual(app.redirect_uris, ['urn:ietf:wg:oauth:2.0:oob']);
    assert.match(String(app.client_id), /^[A-Za-z0-9_-]{43}$/);
    assert.match(String(app.client_secret), /^[A-Za-z0-9_-]{43}$/);
    assert.equal(app.client_secret_expires_at, 0);

    // The secret is kept only as a hash.
    const row = await w.deps.db.get<{ client_secret_hash: string }>(
      'SELECT client_secret_hash FROM oauth_applications WHERE id = ?',
      [String(app.id)],
    );
    assert.notEqual(row!.client_secret_hash, app.client_secret);
  });

  test('redirect URIs as a list or lines, custom schemes, follow, default scope', async (t) => {
    const w = await startTestWoolly(t, kind);
    const listed = await registerApp(w, {
      redirect_uris: ['https://app.example/callback', 'com.example.app:/oauth', 'myapp://cb'],
      scopes: ['read', 'follow'],
    });
    assert.deepEqual(listed.redirect_uris, [
      'https://app.example/callback',
      'com.example.app:/oauth',
      'myapp://cb',
    ]);
    assert.deepEqual(listed.scopes, ['read', 'follow']);

    const lines = await register(w, {
      client_name: 'Lines',
      redirect_uris: 'https://app.example/callback\nhttps://app.example/register',
    });
    const app = (await lines.json()) as Record<string, unknown>;
    assert.equal(app.redirect_uri, 'https://app.example/callback\nhttps://app.example/register');
    assert.deepEqual(app.redirect_uris, [
      'https://app.example/callback',
      'https://app.example/register',
    ]);
    assert.deepEqual(app.scopes, ['read']);
    assert.equal(app.website, null);

    const form = await w.request('/api/v1/apps', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams([
        ['client_name', 'Form'],
        ['redirect_uris[]', 'https://a.example/cb'],
        ['redirect_uris[]', 'https://b.example/cb'],
        ['scopes', 'read write:statuses admin:read:accounts'],
      ]).toString(),
    });
    const formApp = (await form.json()) as Record<string, unknown>;
    assert.deepEqual(formApp.redirect_uris, ['https://a.example/cb', 'https://b.example/cb']);
    assert.deepEqual(formApp.scopes, ['read', 'write:statuses', 'admin:read:accounts']);
  });

  test('invalid registrations are a 422 with Mastodon\u2019s message, and nothing is saved', async (t) => {
    const w = await startTestWoolly(t, kind);
    const base = { client_name: 'App', redirect_uris: 'https://app.example/cb' };
    const cases: [Record<string, unknown>, string][] = [
      [{ redirect_uris: '/callback' }, 'Validation failed: Redirect URI must be an absolute URI.'],
      [
        { redirect_uris: 'https://app.example/cb#x' },
        'Validation failed: Redirect URI cannot contain a fragment.',
      ],
      [
        { redirect_uris: 'javascript://alert(1)' },
        'Validation failed: Redirect URI is forbidden by the server.',
      ],
      [
        { redirect_uris: 'localhost:3000' },
        'Validation failed: Redirect URI must specify a scheme.',
      ],
      [
        { redirect_uris: 'https://app.example/a b' },
        'Validation failed: Redirect URI must be an absolute URI.',
      ],
      [
        { redirect_uris: 'https://app.example/<cb>' },
        'Validation failed: Redirect URI must be a valid URI.',
      ],
      [{ redirect_uris: '' }, "Validation failed: Redirect URI can't be blank"],
      [{ client_name: '' }, "Validation failed: Application name can't be blank"],
      [
        { client_name: '🐑'.repeat(61) },
        'Validation failed: Application name is too long (maximum is 60 characters)',
      ],
      [
        { scopes: 'read bogus' },
        "Validation failed: Scopes doesn't match configured on the server.",
      ],
      [
        { scopes: 'read crypto' },
        "Validation failed: Scopes doesn't match configured on the server.",
      ],
      [{ website: 'ftp://app.example' }, 'Validation failed: Application website is invalid'],
      [
        { client_name: '', redirect_uris: '' },
        "Validation failed: Application name can't be blank, Redirect URI can't be blank",
      ],
    ];
    for (const [change, error] of cases) {
      const res = await register(w, { ...base, ...change });
      assert.equal(res.status, 422, JSON.stringify(change));
      assert.deepEqual(await res.json(), { error });
    }
    const missing = await register(w, { redirect_uris: 'https://app.example/cb' });
    assert.deepEqual(await missing.json(), {
      error: "Validation failed: Application name can't be blank",
    });
    assert.equal(await appCount(w), 0);
    // Sixty characters, even outside the Basic Multilingual Plane, are fine.
    assert.equal((await register(w, { ...base, client_name: '🐑'.repeat(60) })).status, 200);
  });

  test('GET /api/v1/apps/verify_credentials: any valid token, whatever its scopes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const app = await registerApp(w, {
      scopes: 'write:statuses push',
      website: 'https://a.example',
    });
    const res = await tokenRequest(w, {
      grant_type: 'client_credentials',
      client_id: app.client_id,
      client_secret: app.client_secret,
      scope: 'push',
    });
    const { access_token } = (await res.json()) as { access_token: string };
    const verify = await w.request('/api/v1/apps/verify_credentials', { token: access_token });
    assert.equal(verify.status, 200);
    assert.deepEqual(await verify.json(), {
      id: app.id,
      name: 'Test app',
      website: 'https://a.example',
      scopes: ['write:statuses', 'push'],
      redirect_uri: 'https://app.example/callback',
      redirect_uris: ['https://app.example/callback'],
      vapid_key: w.config.vapid.publicKey,
    });

    const anonymous = await w.request('/api/v1/apps/verify_credentials');
    assert.equal(anonymous.status, 401);
    assert.deepEqual(await anonymous.json(), { error: 'The access token is invalid' });
    const wrong = await w.request('/api/v1/apps/verify_credentials', { token: 'nope' });
    assert.equal(wrong.status, 401);
  });
});
