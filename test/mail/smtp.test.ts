import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestConfirmation } from '../../src/domain/accounts/confirmation.ts';
import { verifyPassword } from '../../src/domain/accounts/password.ts';
import { authenticateToken } from '../../src/domain/oauth/authenticate.ts';
import { findUserById } from '../../src/db/repositories/users.ts';
import { makeAccount, makeUserWithToken } from '../helpers/factories.ts';
import { startTestSmtp, type TestSmtp } from '../helpers/smtp.ts';
import { linkTo, webBrowser } from '../helpers/web-form.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import type { TestContext } from 'node:test';

const credentials = { user: 'woolly-mailer', pass: 'smtp secret' };

async function woollyWithSmtp(t: TestContext, kind: DatabaseKind) {
  const smtp: TestSmtp = await startTestSmtp(credentials);
  const w = await startTestWoolly(t, kind, {
    SMTP_SERVER: '127.0.0.1',
    SMTP_PORT: String(smtp.port),
    SMTP_LOGIN: credentials.user,
    SMTP_PASSWORD: credentials.pass,
    SMTP_AUTH_METHOD: 'login',
    SMTP_FROM_ADDRESS: 'Woolly <notifications@woolly.test>',
  });
  // After Woolly's own clean-up (registered above), which closes its SMTP connections.
  t.after(() => smtp.close());
  w.jobs.start();
  return { w, smtp };
}

forEachDatabase((kind) => {
  test('a confirmation mail goes out over SMTP and its link confirms the address', async (t) => {
    const { w, smtp } = await woollyWithSmtp(t, kind);
    const { user } = await makeAccount(w.deps, { username: 'carol', confirmed: false });
    await requestConfirmation(w.deps, user);

    const mail = await smtp.nth(1);
    assert.equal(mail.user, credentials.user, 'the mailer authenticated with SMTP_LOGIN');
    assert.equal(mail.from, 'notifications@woolly.test');
    assert.deepEqual(mail.to, ['carol@example.com']);
    assert.equal(mail.header('subject'), 'Woolly: Confirmation instructions for woolly.test');
    assert.match(mail.text, /@carol on woolly\.test/);
    const link = linkTo(mail.text, '/auth/confirmation?');
    assert.equal(linkTo(mail.html, '/auth/confirmation?'), link, 'both parts carry the same link');

    const page = await w.request(link);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /Your e-mail address is confirmed/);
    const confirmed = await findUserById(w.deps.db, user.id);
    assert.notEqual(confirmed?.confirmedAt, null);

    const again = await w.request(link);
    assert.equal(again.status, 404, 'a confirmation link works once');
    assert.match(await again.text(), /Confirmation token is invalid/);
  });

  test('password reset: request, mail, new password, old sessions revoked', async (t) => {
    const { w, smtp } = await woollyWithSmtp(t, kind);
    const { user, token } = await makeUserWithToken(w.deps, { account: { username: 'dave' } });
    const browser = webBrowser(w);

    const form = await browser.get('/auth/password/new');
    assert.equal(form.status, 200);
    const asked = await browser.post('/auth/password/new', { email: 'DAVE@example.com' });
    assert.equal(asked.status, 200);
    assert.match(asked.html, /If this e-mail address belongs to an account here/);

    const mail = await smtp.nth(1);
    assert.deepEqual(mail.to, ['dave@example.com']);
    assert.equal(mail.header('subject'), 'Woolly: Reset password instructions');
    const link = linkTo(mail.text, '/auth/password/edit?');

    const edit = await browser.get(link);
    assert.equal(edit.status, 200);
    assert.match(edit.html, /Choose a new password/);

    const mismatch = await browser.post('/auth/password/edit', {
      reset_password_token: new URL(`https://x${link}`).searchParams.get('reset_password_token')!,
      password: 'a brand new password',
      password_confirmation: 'something else',
    });
    assert.equal(mismatch.status, 422);
    assert.match(mismatch.html, /Password confirmation doesn(&#39;|')t match Password/);

    const done = await browser.post('/auth/password/edit', {
      reset_password_token: new URL(`https://x${link}`).searchParams.get('reset_password_token')!,
      password: 'a brand new password',
      password_confirmation: 'a brand new password',
    });
    assert.equal(done.status, 200);
    assert.match(done.html, /Your password has been changed/);

    const changed = await findUserById(w.deps.db, user.id);
    assert.equal(await verifyPassword(changed!.passwordHash, 'a brand new password'), true);
    assert.equal(await verifyPassword(changed!.passwordHash, 'password123'), false);
    assert.equal(await authenticateToken(w.deps, token), null, 'the old token is revoked');

    const reused = await browser.get(link);
    assert.equal(reused.status, 404, 'a reset link works once');
    assert.match(reused.html, /Reset password token is invalid/);
  });

  test('a mail server that refuses the mail makes the job retry, not the request fail', async (t) => {
    const smtp = await startTestSmtp(credentials);
    const w = await startTestWoolly(t, kind, {
      SMTP_SERVER: '127.0.0.1',
      SMTP_PORT: String(smtp.port),
      SMTP_LOGIN: credentials.user,
      SMTP_PASSWORD: 'the wrong password',
    });
    t.after(() => smtp.close());
    w.jobs.start();
    const { user } = await makeAccount(w.deps, { username: 'rita', confirmed: false });
    await requestConfirmation(w.deps, user);
    const deadline = Date.now() + 10_000;
    while (!w.logs.some((l) => l.includes('job failed; will retry'))) {
      assert.ok(Date.now() < deadline, `no retry logged:\n${w.logs.join('')}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const line = w.logs.find((l) => l.includes('job failed; will retry'))!;
    assert.match(line, /mail\.deliver/);
    assert.match(line, /Invalid (login|username or password)/i);
    assert.equal(smtp.mails.length, 0);
  });
});
