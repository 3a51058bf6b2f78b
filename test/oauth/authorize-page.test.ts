import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeAccount } from '../helpers/factories.ts';
import { webBrowser } from '../helpers/web-form.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import {
  approve,
  authorizePath,
  hiddenFields,
  pkcePair,
  registerApp,
  signedInBrowser,
  tokenRequest,
} from './support.ts';

async function grantCount(w: TestWoolly): Promise<number> {
  const row = await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM oauth_access_grants');
  return Number(row!.n);
}

forEachDatabase((kind) => {
  test('signing in on the way to the consent page, which names the app and its scopes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps, { username: 'alice' });
    const app = await registerApp(w, {
      client_name: 'Tooter <3',
      website: 'https://tooter.example',
      scopes: 'read write:statuses follow admin:read:accounts',
    });
    const browser = webBrowser(w);
    const path = authorizePath(app, { scope: 'read write:statuses follow admin:read:accounts' });

    const first = await browser.get(path);
    assert.equal(first.status, 302);
    const signIn = new URL(first.headers.get('location')!, 'https://woolly.test');
    assert.equal(signIn.pathname, '/auth/sign_in');
    const returnTo = signIn.searchParams.get('return_to')!;
    assert.ok(returnTo.startsWith('/oauth/authorize?'));

    const form = await browser.get(signIn.pathname + signIn.search);
    assert.equal(form.status, 200);
    assert.match(form.html, /name="return_to" value="\/oauth\/authorize\?/);
    const wrong = await browser.post('/auth/sign_in', {
      email: user.email,
      password: 'wrong password',
      return_to: returnTo,
    });
    assert.equal(wrong.status, 401);
    assert.match(wrong.html, /Invalid e-mail address or password\./);
    const back = await browser.post('/auth/sign_in', {
      email: user.email,
      password: 'password123',
      return_to: returnTo,
    });
    assert.equal(back.status, 303);
    assert.equal(back.headers.get('location'), returnTo);

    const consent = await browser.get(returnTo);
    assert.equal(consent.status, 200);
    assert.equal(consent.headers.get('x-frame-options'), 'DENY');
    assert.match(consent.headers.get('cache-control')!, /no-store/);
    assert.match(consent.html, /Authorize Tooter &lt;3\?/);
    assert.match(consent.html, /@alice@woolly\.test/);
    assert.match(consent.html, /href="https:\/\/tooter\.example"/);
    assert.match(consent.html, /Read everything in your account/);
    assert.match(consent.html, /Publish, edit and delete posts in your name/);
    assert.match(consent.html, /Follow, unfollow, block, unblock, mute and unmute accounts/);
    assert.match(consent.html, /<strong>Read private information of all accounts/);
    assert.match(consent.html, />\s*Authorize\s*</);
    assert.match(consent.html, />\s*Deny\s*</);
    assert.equal(await grantCount(w), 0);
  });

  test('problems with the request are shown as a page, never redirected', async (t) => {
    const w = await startTestWoolly(t, kind);
    const app = await registerApp(w, { scopes: 'read write' });
    const cases: [Record<string, string>, number, string][] = [
      [{ client_id: 'unknown' }, 401, 'Client authentication failed due to unknown client'],
      [{ client_id: '' }, 400, 'Missing required parameter: client_id.'],
      [
        { redirect_uri: 'https://evil.example/callback' },
        400,
        'The redirect uri included is not valid.',
      ],
      [{ redirect_uri: '' }, 400, 'The redirect uri included is not valid.'],
      [
        { response_type: 'token' },
        400,
        'The authorization server does not support this response type.',
      ],
      [{ response_type: '' }, 400, 'Missing required parameter: response_type.'],
      [{ response_mode: 'web_message' }, 400, 'does not support this response mode'],
      [{ scope: 'read push' }, 400, 'The requested scope is invalid, unknown, or malformed.'],
      // Registered `read`, asked for `read:statuses`: Mastodon wants the exact scope registered.
      [{ scope: 'read:statuses' }, 400, 'The requested scope is invalid, unknown, or malformed.'],
      [{ scope: 'read nonsense' }, 400, 'The requested scope is invalid, unknown, or malformed.'],
      [
        { code_challenge: pkcePair().challenge, code_challenge_method: 'plain' },
        400,
        'The code_challenge_method must be S256.',
      ],
      [{ code_challenge: pkcePair().challenge }, 400, 'The code_challenge_method must be S256.'],
    ];
    for (const [params, status, text] of cases) {
      const res = await w.request(authorizePath(app, params), { redirect: 'manual' });
      assert.equal(res.status, status, JSON.stringify(params));
      assert.equal(res.headers.get('location'), null);
      const html = await res.text();
      assert.match(html, /An error has occurred/);
      assert.ok(html.includes(text.replace(/'/g, '&#39;')), `${JSON.stringify(params)}: ${html}`);
      assert.doesNotMatch(html, /Authorize</);
    }
  });

  test('Deny sends access_denied back with the state', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const consent = await browser.get(authorizePath(app, { state: 'abc' }));
    const res = await browser.post('/oauth/authorize', hiddenFields(consent.html, 'Deny'));
    assert.equal(res.status, 302);
    const back = new URL(res.headers.get('location')!);
    assert.equal(back.origin + back.pathname, 'https://app.example/callback');
    assert.deepEqual(Object.fromEntries(back.searchParams), {
      error: 'access_denied',
      error_description: 'The resource owner or authorization server denied the request.',
      state: 'abc',
    });
    assert.equal(await grantCount(w), 0);
  });

  test('custom schemes, loopback ports, fragment and form_post responses', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w, {
      redirect_uris: ['com.example.app:/oauth', 'http://127.0.0.1/cb', 'https://app.example/cb'],
    });
    const browser = await signedInBrowser(w, user.email);

    const custom = await approve(
      browser,
      authorizePath(app, { redirect_uri: 'com.example.app:/oauth', state: 's' }),
    );
    assert.equal(custom.protocol, 'com.example.app:');
    assert.equal(custom.pathname, '/oauth');
    assert.ok(custom.searchParams.get('code'));

    // RFC 8252: a native app listening on a loopback address picks its port at run time.
    const loopback = await approve(
      browser,
      authorizePath(app, { redirect_uri: 'http://127.0.0.1:49152/cb' }),
    );
    assert.equal(loopback.host, '127.0.0.1:49152');
    const code = loopback.searchParams.get('code')!;
    const exchanged = await tokenRequest(w, {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: 'http://127.0.0.1:49152/cb',
    });
    assert.equal(exchanged.status, 200);

    const fragment = await approve(
      browser,
      authorizePath(app, {
        redirect_uri: 'https://app.example/cb',
        response_mode: 'fragment',
        state: 'f',
        scope: 'read',
      }),
    );
    assert.equal(fragment.search, '');
    const inFragment = new URLSearchParams(fragment.hash.slice(1));
    assert.ok(inFragment.get('code'));
    assert.equal(inFragment.get('state'), 'f');

    const consent = await browser.get(
      authorizePath(app, {
        redirect_uri: 'https://app.example/cb',
        response_mode: 'form_post',
        state: 'p',
        scope: 'follow',
      }),
    );
    const posted = await browser.post('/oauth/authorize', hiddenFields(consent.html, 'Authorize'));
    assert.equal(posted.status, 200);
    assert.match(posted.html, /<form method="post" action="https:\/\/app\.example\/cb">/);
    assert.match(posted.html, /name="code" value="[A-Za-z0-9_-]{43}"/);
    assert.match(posted.html, /name="state" value="p"/);
  });

  test('urn:ietf:wg:oauth:2.0:oob shows the code on a page', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w, { redirect_uris: 'urn:ietf:wg:oauth:2.0:oob' });
    const browser = await signedInBrowser(w, user.email);
    const consent = await browser.get(authorizePath(app));
    assert.match(consent.html, /You will be shown a code to paste into the app/);
    const res = await browser.post('/oauth/authorize', hiddenFields(consent.html, 'Authorize'));
    assert.equal(res.status, 302);
    const shown = await browser.get(res.headers.get('location')!);
    const code = shown.html.match(/<code id="authorization_code">([^<]+)<\/code>/)![1]!;
    const token = await tokenRequest(w, {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: 'urn:ietf:wg:oauth:2.0:oob',
    });
    assert.equal(token.status, 200);
  });

  test('an app already authorized for the same scopes skips consent unless force_login', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const code = (await approve(browser, authorizePath(app))).searchParams.get('code')!;
    await tokenRequest(w, {
      grant_type: 'authorization_code',
      code,
      client_id: app.client_id,
      client_secret: app.client_secret,
      redirect_uri: app.redirect_uris[0]!,
    });

    const again = await browser.get(authorizePath(app, { state: 'again' }));
    assert.equal(again.status, 302);
    const back = new URL(again.headers.get('location')!);
    assert.equal(back.searchParams.get('state'), 'again');
    assert.ok(back.searchParams.get('code'));

    // Other scopes: asked again.
    const wider = await browser.get(authorizePath(app, { scope: 'read write follow' }));
    assert.equal(wider.status, 200);

    // force_login: sign in afresh (perhaps as someone else) before anything happens.
    const forced = await browser.get(authorizePath(app, { force_login: 'true' }));
    assert.equal(forced.status, 302);
    const signIn = new URL(forced.headers.get('location')!, 'https://woolly.test');
    assert.equal(signIn.pathname, '/auth/sign_in');
    assert.doesNotMatch(signIn.searchParams.get('return_to')!, /force_login/);
    const form = await browser.get(signIn.pathname + signIn.search);
    assert.match(form.html, /You are signed in as/);
    const { user: other } = await makeAccount(w.deps, { username: 'bob' });
    const signedIn = await browser.post('/auth/sign_in', {
      email: other.email,
      password: 'password123',
      return_to: signIn.searchParams.get('return_to')!,
    });
    const consent = await browser.get(signedIn.headers.get('location')!);
    assert.equal(consent.status, 200);
    assert.match(consent.html, /@bob@woolly\.test/);
  });

  test('the consent form needs its CSRF token and a session', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const app = await registerApp(w);
    const browser = await signedInBrowser(w, user.email);
    const consent = await browser.get(authorizePath(app));
    const fields = hiddenFields(consent.html, 'Authorize');

    const forged = await browser.post('/oauth/authorize', { ...fields, authenticity_token: 'x' });
    assert.equal(forged.status, 403);
    const otherSite = await browser.post('/oauth/authorize', fields, {
      origin: 'https://evil.example',
    });
    assert.equal(otherSite.status, 403);
    assert.equal(await grantCount(w), 0);

    const signOut = await browser.post(
      '/auth/sign_out',
      hiddenFields(consent.html, 'Switch account'),
    );
    assert.equal(signOut.status, 303);
    const later = await browser.post('/oauth/authorize', fields);
    assert.equal(later.status, 303);
    assert.match(later.headers.get('location')!, /^\/auth\/sign_in\?return_to=/);
    assert.equal(await grantCount(w), 0);
  });
});
