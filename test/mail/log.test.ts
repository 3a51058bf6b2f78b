import assert from 'node:assert/strict';
import { test } from 'node:test';
import { requestConfirmation } from '../../src/domain/accounts/confirmation.ts';
import { requestPasswordReset } from '../../src/domain/accounts/password-reset.ts';
import { makeAccount } from '../helpers/factories.ts';
import { linkTo } from '../helpers/web-form.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

/** Waits until a log line matches (the mail job runs on the worker, not in the request). */
async function logLine(w: TestWoolly, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const line = w.logs.find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > deadline)
      throw new Error(`no log line matching ${pattern}:\n${w.logs.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

forEachDatabase((kind) => {
  test('without SMTP_SERVER the whole mail, link included, is written to the log', async (t) => {
    const w = await startTestWoolly(t, kind);
    w.jobs.start();
    const { user } = await makeAccount(w.deps, { username: 'erin', confirmed: false });
    await requestConfirmation(w.deps, user);

    const line = await logLine(w, /Mail not sent/);
    const entry = JSON.parse(line) as { message: string; mail_to: string; mail_subject: string };
    assert.equal(entry.mail_to, 'erin@example.com');
    assert.equal(entry.mail_subject, 'Woolly: Confirmation instructions for woolly.test');
    assert.match(entry.message, /^Mail not sent \(SMTP_SERVER is not set\)/);
    assert.match(entry.message, /To: erin@example\.com\nSubject: Woolly: Confirmation/);

    const page = await w.request(linkTo(entry.message, '/auth/confirmation?'));
    assert.equal(page.status, 200, 'the link from the log confirms the account');
  });

  test('a password reset link is logged too', async (t) => {
    const w = await startTestWoolly(t, kind);
    w.jobs.start();
    await makeAccount(w.deps, { username: 'frank' });
    await requestPasswordReset(w.deps, 'frank@example.com');
    const line = await logLine(w, /Reset password instructions/);
    const entry = JSON.parse(line) as { message: string };
    const page = await w.request(linkTo(entry.message, '/auth/password/edit?'));
    assert.equal(page.status, 200);
  });
});
