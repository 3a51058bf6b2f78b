import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashToken } from '../../src/core/tokens.ts';
import { makeAccount } from '../helpers/factories.ts';
import { webBrowser } from '../helpers/web-form.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

async function sessions(w: TestWoolly) {
  return w.deps.db.all<{ id_hash: string; account_id: unknown }>(
    'SELECT id_hash, account_id FROM web_sessions',
  );
}

forEachDatabase((kind) => {
  test('a wrong password and an unknown address get the same answer', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const browser = webBrowser(w);
    const form = await browser.get('/auth/sign_in');
    assert.equal(form.status, 200);
    assert.match(form.html, /name="authenticity_token"/);
    assert.match(form.html, /type="email"/);
    const answers = [];
    for (const [email, password] of [
      [user.email, 'not the password'],
      ['nobody@example.com', 'password123'],
    ] as const) {
      const res = await browser.post('/auth/sign_in', { email, password });
      assert.equal(res.status, 401);
      answers.push(res.html.match(/<p class="error"[^>]*>([^<]*)</)![1]);
    }
    assert.deepEqual(answers, [
      'Invalid e-mail address or password.',
      'Invalid e-mail address or password.',
    ]);
    assert.equal(browser.cookies.has('woolly_session'), false);
    assert.equal((await sessions(w)).length, 0);
  });

  test('signing in sets a hardened cookie whose token is stored hashed; signing out ends it', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user, account } = await makeAccount(w.deps, { username: 'carol' });
    const browser = webBrowser(w);
    await browser.get('/auth/sign_in');
    const res = await browser.post('/auth/sign_in', { email: user.email, password: 'password123' });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), '/auth/sign_in');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('woolly_session='))!;
    assert.match(cookie, /HttpOnly/i);
    assert.match(cookie, /SameSite=Lax/i);
    assert.match(cookie, /Secure/i);
    assert.match(cookie, /Path=\//);
    const token = browser.cookies.get('woolly_session')!;
    const stored = await sessions(w);
    assert.deepEqual(
      stored.map((s) => [s.id_hash, String(s.account_id)]),
      [[hashToken(token), account.id]],
    );

    const home = await browser.get('/auth/sign_in');
    assert.match(home.html, /You are signed in/);
    assert.match(home.html, /@carol@woolly\.test/);
    const out = await browser.post('/auth/sign_out', {});
    assert.equal(out.status, 303);
    assert.equal((await sessions(w)).length, 0);
    assert.match((await browser.get('/auth/sign_in')).html, /<h1>Sign in<\/h1>/);
  });

  test('sign-in only returns to local paths, and needs its CSRF token', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example']) {
      const browser = webBrowser(w);
      await browser.get('/auth/sign_in');
      const res = await browser.post('/auth/sign_in', {
        email: user.email,
        password: 'password123',
        return_to: returnTo,
      });
      assert.equal(res.headers.get('location'), '/auth/sign_in', returnTo);
    }
    const browser = webBrowser(w);
    await browser.get('/auth/sign_in');
    const forged = await browser.post('/auth/sign_in', {
      email: user.email,
      password: 'password123',
      authenticity_token: 'forged',
    });
    assert.equal(forged.status, 403);
    assert.equal((await sessions(w)).length, 3);
  });

  test('an expired session signs nobody in', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps);
    const browser = webBrowser(w);
    await browser.get('/auth/sign_in');
    await browser.post('/auth/sign_in', { email: user.email, password: 'password123' });
    assert.match((await browser.get('/auth/sign_in')).html, /You are signed in/);
    w.clock.advance(31 * 24 * 60 * 60 * 1000);
    assert.match((await browser.get('/auth/sign_in')).html, /<h1>Sign in<\/h1>/);
    assert.equal((await sessions(w)).length, 0);
  });
});
