import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestPasswordReset } from '../../src/domain/accounts/password-reset.ts';
import { makeAccount } from '../helpers/factories.ts';
import { webBrowser } from '../helpers/web-form.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

/** Asks for a reset of `email` and returns the token the mail would carry. */
async function resetToken(w: TestWoolly, email: string): Promise<string> {
  let token = '';
  const off = w.deps.events.on('user.password_reset_requested', (e) => {
    token = e.token;
  });
  await requestPasswordReset(w.deps, email);
  off();
  return token;
}

forEachDatabase((kind) => {
  test('asking for a reset of an unknown address looks the same and sends nothing', async (t) => {
    const w = await startTestWoolly(t, kind);
    await makeAccount(w.deps, { username: 'gina' });
    const requested: string[] = [];
    w.deps.events.on('user.password_reset_requested', (e) => void requested.push(e.email));
    const browser = webBrowser(w);
    await browser.get('/auth/password/new');
    const known = await browser.post('/auth/password/new', { email: 'gina@example.com' });
    const unknown = await browser.post('/auth/password/new', { email: 'nobody@example.com' });
    assert.equal(known.status, 200);
    assert.equal(unknown.status, 200);
    assert.equal(known.html, unknown.html);
    assert.deepEqual(requested, ['gina@example.com']);
  });

  test('forms without the CSRF token, or from another origin, are refused', async (t) => {
    const w = await startTestWoolly(t, kind);
    await makeAccount(w.deps, { username: 'hank' });
    const requested: string[] = [];
    w.deps.events.on('user.password_reset_requested', (e) => void requested.push(e.email));

    const stranger = webBrowser(w);
    const noToken = await stranger.post('/auth/password/new', { email: 'hank@example.com' });
    assert.equal(noToken.status, 403);
    assert.match(noToken.html, /The form has expired/);

    const browser = webBrowser(w);
    await browser.get('/auth/password/new');
    const wrongToken = await browser.post('/auth/password/new', {
      email: 'hank@example.com',
      authenticity_token: 'x'.repeat(43),
    });
    assert.equal(wrongToken.status, 403);
    const otherOrigin = await browser.post(
      '/auth/password/new',
      { email: 'hank@example.com' },
      { origin: 'https://evil.example' },
    );
    assert.equal(otherOrigin.status, 403);
    assert.deepEqual(requested, []);

    const ok = await browser.post(
      '/auth/password/new',
      { email: 'hank@example.com' },
      { origin: 'https://woolly.test' },
    );
    assert.equal(ok.status, 200);
    assert.deepEqual(requested, ['hank@example.com']);
  });

  test('a reset link expires after 6 hours, and a newer link replaces it', async (t) => {
    const w = await startTestWoolly(t, kind);
    await makeAccount(w.deps, { username: 'iris' });
    const browser = webBrowser(w);

    const first = await resetToken(w, 'iris@example.com');
    const second = await resetToken(w, 'iris@example.com');
    const replaced = await browser.get(`/auth/password/edit?reset_password_token=${first}`);
    assert.equal(replaced.status, 404);

    w.clock.advance(6 * 3_600_000 - 1000);
    const valid = await browser.get(`/auth/password/edit?reset_password_token=${second}`);
    assert.equal(valid.status, 200);
    w.clock.advance(1000);
    const expired = await browser.get(`/auth/password/edit?reset_password_token=${second}`);
    assert.equal(expired.status, 410);
    assert.match(expired.html, /Reset password token has expired, please request a new one/);
    const post = await browser.post('/auth/password/edit', {
      reset_password_token: second,
      password: 'long enough password',
      password_confirmation: 'long enough password',
    });
    assert.equal(post.status, 410);
  });

  test('the new password follows the password rules', async (t) => {
    const w = await startTestWoolly(t, kind);
    await makeAccount(w.deps, { username: 'jack' });
    const token = await resetToken(w, 'jack@example.com');
    const browser = webBrowser(w);
    await browser.get(`/auth/password/edit?reset_password_token=${token}`);
    const short = await browser.post('/auth/password/edit', {
      reset_password_token: token,
      password: 'short',
      password_confirmation: 'short',
    });
    assert.equal(short.status, 422);
    assert.match(short.html, /Password is too short \(minimum is 8 characters\)/);
    const still = await browser.get(`/auth/password/edit?reset_password_token=${token}`);
    assert.equal(still.status, 200, 'a refused password does not spend the link');
  });
});
