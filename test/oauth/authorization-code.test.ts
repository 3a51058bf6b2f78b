import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import {
  approve,
  authorizePath,
  pkcePair,
  registerApp,
  signedInBrowser,
  tokenRequest,
} from './support.ts';

const invalidGrant = {
  error: 'invalid_grant',
  error_description:
    'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
};

forEachDatabase((kind) => {
  test('a code with PKCE becomes a token, a refresh token, and works once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const { verifier, challenge } = pkcePair();
    const back = await approve(
      browser,
      authorizePath(app, {
        state: 'xyz 1',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      }),
    );
    assert.equal(back.origin + back.pathname, 'https://app.example/callback');
    assert.equal(back.searchParams.get('state'), 'xyz 1');
    const code = back.searchParams.get('code')!;

    const exchange = {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: app.redirect_uris[0]!,
      code_verifier: verifier,
    };
    const res = await tokenRequest(w, exchange);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const token = (await res.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(token).sort(), [
      'access_token',
      'created_at',
      'refresh_token',
      'scope',
      'token_type',
    ]);
    assert.equal(token.token_type, 'Bearer');
    assert.equal(token.scope, 'read write');
    assert.equal(token.created_at, Math.floor(w.clock.now() / 1000));

    const accessToken = String(token.access_token);
    const verify = await w.request('/api/v1/apps/verify_credentials', { token: accessToken });
    assert.equal(verify.status, 200);

    // Replaying the code fails and revokes what the first exchange produced.
    const replay = await tokenRequest(w, exchange);
    assert.equal(replay.status, 400);
    assert.deepEqual(await replay.json(), invalidGrant);
    const after = await w.request('/api/v1/apps/verify_credentials', { token: accessToken });
    assert.equal(after.status, 401);
    assert.deepEqual(await after.json(), { error: 'The access token was revoked' });
    const refresh = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: String(token.refresh_token),
      client_id: app.client_id,
      client_secret: app.client_secret,
    });
    assert.deepEqual(await refresh.json(), invalidGrant);
  });

  test('PKCE: a wrong or missing verifier is refused and the code stays unused', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const { verifier, challenge } = pkcePair();
    const code = (
      await approve(
        browser,
        authorizePath(app, { code_challenge: challenge, code_challenge_method: 'S256' }),
      )
    ).searchParams.get('code')!;
    const base = {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: app.redirect_uris[0]!,
    };

    const missing = await tokenRequest(w, base);
    assert.equal(missing.status, 400);
    assert.deepEqual(await missing.json(), {
      error: 'invalid_request',
      error_description: 'Missing required parameter: code_verifier.',
    });
    const wrong = await tokenRequest(w, { ...base, code_verifier: pkcePair().verifier });
    assert.equal(wrong.status, 400);
    assert.deepEqual(await wrong.json(), invalidGrant);
    // The plain method would send the challenge itself as the verifier: not accepted.
    const plain = await tokenRequest(w, { ...base, code_verifier: challenge });
    assert.deepEqual(await plain.json(), invalidGrant);

    const right = await tokenRequest(w, { ...base, code_verifier: verifier });
    assert.equal(right.status, 200);
  });

  test('a verifier for a code issued without PKCE is refused', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const code = (await approve(browser, authorizePath(app))).searchParams.get('code')!;
    const base = {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: app.redirect_uris[0]!,
    };
    const res = await tokenRequest(w, { ...base, code_verifier: pkcePair().verifier });
    assert.deepEqual(await res.json(), invalidGrant);
    assert.equal((await tokenRequest(w, base)).status, 200);
  });

  test('the redirect URI, client and age of a code are checked', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w, {
      redirect_uris: ['https://app.example/callback', 'https://app.example/other'],
    });
    const other = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const code = (await approve(browser, authorizePath(app))).searchParams.get('code')!;
    const base = {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: 'https://app.example/callback',
    };

    const noRedirect = await tokenRequest(w, { ...base, redirect_uri: '' });
    assert.deepEqual(await noRedirect.json(), {
      error: 'invalid_request',
      error_description: 'Missing required parameter: redirect_uri.',
    });
    // Registered, but not the one the code was issued for.
    const otherUri = await tokenRequest(w, { ...base, redirect_uri: 'https://app.example/other' });
    assert.equal(otherUri.status, 400);
    assert.deepEqual(await otherUri.json(), invalidGrant);
    const otherClient = await tokenRequest(w, {
      ...base,
      client_id: other.client_id,
      client_secret: other.client_secret,
    });
    assert.deepEqual(await otherClient.json(), invalidGrant);
    const badSecret = await tokenRequest(w, { ...base, client_secret: 'nope' });
    assert.equal(badSecret.status, 401);
    assert.equal((await badSecret.json()).error, 'invalid_client');
    const unknown = await tokenRequest(w, { ...base, code: 'not-a-code' });
    assert.deepEqual(await unknown.json(), invalidGrant);

    w.clock.advance(10 * 60 * 1000 + 1);
    const late = await tokenRequest(w, base);
    assert.deepEqual(await late.json(), invalidGrant);
  });

  test('the refresh token rotates: a new pair, the old one revoked', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const code = (await approve(browser, authorizePath(app))).searchParams.get('code')!;
    const first = (await (
      await tokenRequest(w, {
        grant_type: 'authorization_code',
        code,
        client_id: app.client_id,
        client_secret: app.client_secret,
        redirect_uri: app.redirect_uris[0]!,
      })
    ).json()) as { access_token: string; refresh_token: string };
    const client = { client_id: app.client_id, client_secret: app.client_secret };

    const widened = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      scope: 'read write push',
      ...client,
    });
    assert.equal(widened.status, 400);
    assert.equal((await widened.json()).error, 'invalid_scope');

    const noClient = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
    });
    assert.deepEqual(await noClient.json(), invalidGrant);

    const res = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      scope: 'read',
      ...client,
    });
    assert.equal(res.status, 200);
    const second = (await res.json()) as Record<string, string>;
    assert.equal(second.scope, 'read');
    assert.notEqual(second.refresh_token, first.refresh_token);
    const old = await w.request('/api/v1/apps/verify_credentials', { token: first.access_token });
    assert.deepEqual(await old.json(), { error: 'The access token was revoked' });
    const fresh = await w.request('/api/v1/apps/verify_credentials', {
      token: second.access_token!,
    });
    assert.equal(fresh.status, 200);

    const again = await tokenRequest(w, {
      grant_type: 'refresh_token',
      refresh_token: first.refresh_token,
      ...client,
    });
    assert.deepEqual(await again.json(), invalidGrant);
    const missing = await tokenRequest(w, { grant_type: 'refresh_token', ...client });
    assert.deepEqual(await missing.json(), {
      error: 'invalid_request',
      error_description: 'Missing required parameter: refresh_token.',
    });
  });
});
