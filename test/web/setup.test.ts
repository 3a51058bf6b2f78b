import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findAccountByUsername } from '../../src/db/repositories/accounts.ts';
import { findUserByAccountId } from '../../src/db/repositories/users.ts';
import { verifyPassword } from '../../src/domain/accounts/password.ts';
import { createOwnerSetupLink } from '../../src/domain/instance/setup.ts';
import { makeAccount } from '../helpers/factories.ts';
import { webBrowser } from '../helpers/web-form.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

const owner = {
  username: 'admin',
  email: 'owner@example.com',
  password: 'correct horse battery',
  password_confirmation: 'correct horse battery',
};

forEachDatabase((kind) => {
  test('the set-up link creates a confirmed, approved Owner once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const link = await createOwnerSetupLink(w.deps);
    assert.ok(link);
    assert.match(link, /^https:\/\/woolly\.test\/setup\?token=[A-Za-z0-9_-]{43}$/);
    const path = new URL(link).pathname + new URL(link).search;
    const token = new URL(link).searchParams.get('token')!;
    const browser = webBrowser(w);

    const form = await browser.get(path);
    assert.equal(form.status, 200);
    assert.match(form.html, /Create the Owner account/);

    const typo = await browser.post('/setup', { ...owner, token, password_confirmation: 'nope' });
    assert.equal(typo.status, 422);
    assert.match(typo.html, /Password confirmation doesn(&#39;|')t match Password/);
    assert.match(typo.html, /value="owner@example.com"/, 'what was typed is kept');

    const created = await browser.post('/setup', { ...owner, token });
    assert.equal(created.status, 200);
    assert.match(created.html, /Welcome, @admin/);

    const account = await findAccountByUsername(w.deps.db, 'admin', null);
    const user = await findUserByAccountId(w.deps.db, account!.id);
    assert.equal(user?.role, 'Owner');
    assert.notEqual(user?.confirmedAt, null);
    assert.equal(user?.approved, true);
    assert.equal(await verifyPassword(user!.passwordHash, owner.password), true);

    const spent = await browser.get(path);
    assert.equal(spent.status, 404);
    assert.match(spent.html, /This set-up link is no longer valid/);
    const replay = await browser.post('/setup', { ...owner, username: 'second', token });
    assert.equal(replay.status, 404);
    assert.equal(await findAccountByUsername(w.deps.db, 'second', null), null);
  });

  test('a newer link replaces the old one; any account ends both', async (t) => {
    const w = await startTestWoolly(t, kind);
    const first = new URL((await createOwnerSetupLink(w.deps))!);
    const second = new URL((await createOwnerSetupLink(w.deps))!);
    const browser = webBrowser(w);
    assert.equal((await browser.get(first.pathname + first.search)).status, 404);
    assert.equal((await browser.get(second.pathname + second.search)).status, 200);

    await makeAccount(w.deps, { username: 'early' });
    assert.equal((await browser.get(second.pathname + second.search)).status, 404);
    assert.equal(await createOwnerSetupLink(w.deps), null);
  });

  test('a link without a token, or with a wrong one, is refused', async (t) => {
    const w = await startTestWoolly(t, kind);
    await createOwnerSetupLink(w.deps);
    const browser = webBrowser(w);
    assert.equal((await browser.get('/setup')).status, 404);
    assert.equal((await browser.get(`/setup?token=${'A'.repeat(43)}`)).status, 404);
  });
});
