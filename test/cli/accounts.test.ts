import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyPassword } from '../../src/domain/accounts/password.ts';
import { findLocalUser } from '../../src/domain/accounts/local-user.ts';
import { issueAccessToken } from '../../src/domain/oauth/tokens.ts';
import { authenticateToken } from '../../src/domain/oauth/authenticate.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { makeApplication } from '../helpers/factories.ts';
import { forEachDatabase } from '../helpers/woolly.ts';

const newPassword = /^New password: ([0-9a-f]{32})$/;

forEachDatabase((kind) => {
  test('accounts create makes a working account and prints its password last', async (t) => {
    const db = await cliDatabase(t, kind);
    const run = await runWoolly(db, [
      'accounts',
      'create',
      'admin',
      '--email',
      'owner@example.com',
      '--role',
      'owner',
      '--confirmed',
    ]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines.slice(0, -1), ['OK']);
    const password = run.lines.at(-1)!.match(newPassword)?.[1];
    assert.ok(password, `last line: ${run.lines.at(-1)}`);

    const w = await inspect(t, db);
    const found = await findLocalUser(w.deps, 'admin');
    assert.equal(found?.user.role, 'Owner');
    assert.equal(found?.user.email, 'owner@example.com');
    assert.notEqual(found?.user.confirmedAt, null);
    assert.equal(found?.user.approved, true);
    assert.equal(await verifyPassword(found!.user.passwordHash, password), true);
  });

  test('without --confirmed a confirmation mail is queued; modify --confirm confirms', async (t) => {
    const db = await cliDatabase(t, kind);
    const run = await runWoolly(db, ['accounts', 'create', 'bea', '--email', 'bea@example.com']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /A confirmation mail to bea@example\.com is queued/);
    assert.match(run.lines.at(-1)!, newPassword);
    const w = await inspect(t, db);
    assert.equal((await findLocalUser(w.deps, 'bea'))?.user.confirmedAt, null);

    const confirm = await runWoolly(db, ['accounts', 'modify', 'bea', '--confirm']);
    assert.equal(confirm.code, 0, confirm.stderr);
    assert.deepEqual(confirm.lines, ['OK']);
    assert.notEqual((await findLocalUser(w.deps, 'bea'))?.user.confirmedAt, null);
  });

  test('bad input exits non-zero with a message saying what is wrong', async (t) => {
    const db = await cliDatabase(t, kind);
    const noEmail = await runWoolly(db, ['accounts', 'create', 'cid']);
    assert.equal(noEmail.code, 2);
    assert.match(noEmail.stderr, /^woolly accounts: --email is required/);
    assert.equal(noEmail.stdout, '');

    const role = await runWoolly(db, [
      'accounts',
      'create',
      'cid',
      '--email',
      'c@example.com',
      '--role',
      'King',
    ]);
    assert.equal(role.code, 2);
    assert.match(role.stderr, /unknown role "King": the roles are Owner, Admin, Moderator, User/);

    const first = await runWoolly(db, ['accounts', 'create', 'cid', '--email', 'c@example.com']);
    assert.equal(first.code, 0, first.stderr);
    const taken = await runWoolly(db, [
      'accounts',
      'create',
      'CID',
      '--email',
      'other@example.com',
    ]);
    assert.equal(taken.code, 1);
    assert.match(
      taken.stderr,
      /^woolly accounts: Validation failed: Username has already been taken\n/,
    );
    const badEmail = await runWoolly(db, [
      'accounts',
      'create',
      'dot',
      '--email',
      'not-an-address',
    ]);
    assert.equal(badEmail.code, 1);
    assert.match(badEmail.stderr, /Validation failed: E-mail address is invalid/);

    const missing = await runWoolly(db, ['accounts', 'modify', 'nobody', '--confirm']);
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'woolly accounts: no local account is called "nobody"\n');
    const nothing = await runWoolly(db, ['accounts', 'modify', 'cid']);
    assert.equal(nothing.code, 2);
    assert.match(nothing.stderr, /nothing to change: give at least one option/);
    const both = await runWoolly(db, ['accounts', 'modify', 'cid', '--enable', '--disable']);
    assert.equal(both.code, 2);
    const unknown = await runWoolly(db, ['accounts', 'modify', 'cid', '--frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown option --frobnicate/);
    const action = await runWoolly(db, ['accounts', 'rename', 'cid']);
    assert.equal(action.code, 2);
    assert.match(action.stderr, /unknown accounts action "rename"/);
    const gone = await runWoolly(db, ['accounts', 'delete', 'nobody']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /no local account is called "nobody"/);
  });

  test('accounts modify changes role, access, address and password', async (t) => {
    const db = await cliDatabase(t, kind);
    const created = await runWoolly(db, [
      'accounts',
      'create',
      'dee',
      '--email',
      'dee@example.com',
      '--confirmed',
    ]);
    assert.equal(created.code, 0, created.stderr);
    const oldPassword = created.lines.at(-1)!.match(newPassword)![1]!;
    const w = await inspect(t, db);
    const before = (await findLocalUser(w.deps, 'dee'))!;
    const { application } = await makeApplication(w.deps);
    const token = await issueAccessToken(w.deps, {
      applicationId: application.id,
      accountId: before.account.id,
      scopes: ['read'],
    });

    const role = await runWoolly(db, [
      'accounts',
      'modify',
      'dee',
      '--role',
      'Moderator',
      '--disable',
    ]);
    assert.equal(role.code, 0, role.stderr);
    let user = (await findLocalUser(w.deps, 'dee'))!.user;
    assert.equal(user.role, 'Moderator');
    assert.equal(user.disabled, true);
    await runWoolly(db, ['accounts', 'modify', 'dee', '--enable']);
    assert.equal((await findLocalUser(w.deps, 'dee'))!.user.disabled, false);

    const email = await runWoolly(db, [
      'accounts',
      'modify',
      'dee',
      '--email',
      'dee@new.example',
      '--confirm',
    ]);
    assert.equal(email.code, 0, email.stderr);
    user = (await findLocalUser(w.deps, 'dee'))!.user;
    assert.equal(user.email, 'dee@new.example');
    assert.equal(user.unconfirmedEmail, null);

    const pending = await runWoolly(db, [
      'accounts',
      'modify',
      'dee',
      '--email',
      'dee@third.example',
    ]);
    assert.equal(pending.code, 0, pending.stderr);
    assert.match(pending.stdout, /the address changes when it is confirmed/);
    user = (await findLocalUser(w.deps, 'dee'))!.user;
    assert.equal(user.email, 'dee@new.example');
    assert.equal(user.unconfirmedEmail, 'dee@third.example');

    const reset = await runWoolly(db, ['accounts', 'modify', '@dee', '--reset-password']);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(reset.lines[0], 'OK');
    const password = reset.lines.at(-1)!.match(newPassword)?.[1];
    assert.ok(password);
    user = (await findLocalUser(w.deps, 'dee'))!.user;
    assert.equal(await verifyPassword(user.passwordHash, password), true);
    assert.equal(await verifyPassword(user.passwordHash, oldPassword), false);
    assert.equal(await authenticateToken(w.deps, token.accessToken), null, 'signed out everywhere');
  });

  test('with approved registrations a new account waits unless --approve', async (t) => {
    const db = await cliDatabase(t, kind);
    assert.equal((await runWoolly(db, ['settings', 'registrations', 'approved'])).code, 0);
    const waits = await runWoolly(db, [
      'accounts',
      'create',
      'eve',
      '--email',
      'eve@example.com',
      '--confirmed',
    ]);
    assert.match(waits.stdout, /The account waits for approval/);
    await runWoolly(db, [
      'accounts',
      'create',
      'fay',
      '--email',
      'fay@example.com',
      '--confirmed',
      '--approve',
    ]);
    const w = await inspect(t, db);
    assert.equal((await findLocalUser(w.deps, 'eve'))?.user.approved, false);
    assert.equal((await findLocalUser(w.deps, 'fay'))?.user.approved, true);
    const approve = await runWoolly(db, ['accounts', 'modify', 'eve', '--approve']);
    assert.equal(approve.code, 0, approve.stderr);
    assert.equal((await findLocalUser(w.deps, 'eve'))?.user.approved, true);
  });

  test('accounts delete removes the account', async (t) => {
    const db = await cliDatabase(t, kind);
    await runWoolly(db, ['accounts', 'create', 'gus', '--email', 'gus@example.com']);
    const run = await runWoolly(db, ['accounts', 'delete', 'gus']);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(run.lines, ['Deleting @gus with 0 posts...', 'OK']);
    const w = await inspect(t, db);
    assert.equal(await findLocalUser(w.deps, 'gus'), null);
    const again = await runWoolly(db, ['accounts', 'create', 'gus', '--email', 'gus@example.com']);
    assert.equal(again.code, 0, 'the name and address are free again');
  });
});
