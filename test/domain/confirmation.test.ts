import assert from 'node:assert/strict';
import { test } from 'node:test';
import { confirmByToken, requestConfirmation } from '../../src/domain/accounts/confirmation.ts';
import { findUserById } from '../../src/db/repositories/users.ts';
import { makeAccount } from '../helpers/factories.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

/** Runs `run` and returns what the confirmation mail would carry. */
async function mailed(w: TestWoolly, run: () => Promise<void>) {
  const sent: { email: string; token: string }[] = [];
  const off = w.deps.events.on('user.confirmation_requested', (e) => {
    sent.push({ email: e.email, token: e.token });
  });
  await run();
  off();
  assert.equal(sent.length, 1, 'one confirmation mail');
  return sent[0]!;
}

forEachDatabase((kind) => {
  test('a confirmed user keeps the old address until the new one is confirmed', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps, { username: 'olga' });
    const sent = await mailed(w, () =>
      requestConfirmation(w.deps, user, { email: 'olga.new@example.com' }),
    );
    assert.equal(sent.email, 'olga.new@example.com');
    const pending = await findUserById(w.deps.db, user.id);
    assert.equal(pending?.email, 'olga@example.com');
    assert.equal(pending?.unconfirmedEmail, 'olga.new@example.com');

    const confirmed = await confirmByToken(w.deps, sent.token);
    assert.equal(confirmed.email, 'olga.new@example.com');
    const after = await findUserById(w.deps.db, user.id);
    assert.equal(after?.email, 'olga.new@example.com');
    assert.equal(after?.unconfirmedEmail, null);
    assert.equal(after?.confirmationTokenHash, null);
    assert.equal(after?.confirmedAt, user.confirmedAt, 'still confirmed since the first time');

    await assert.rejects(
      requestConfirmation(w.deps, after!),
      /only available while the e-mail is awaiting confirmation/,
    );
  });

  test('an unconfirmed account that corrects its address simply gets the new one', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps, { username: 'pete', confirmed: false });
    const sent = await mailed(w, () =>
      requestConfirmation(w.deps, user, { email: 'pete.fixed@example.com' }),
    );
    assert.equal(sent.email, 'pete.fixed@example.com');
    const stored = await findUserById(w.deps.db, user.id);
    assert.equal(stored?.email, 'pete.fixed@example.com');
    assert.equal(stored?.unconfirmedEmail, null);
    await assert.rejects(
      requestConfirmation(w.deps, stored!, { email: 'not an address' }),
      /Validation failed: E-mail address is invalid/,
    );
  });

  test('only the newest token confirms; user.confirmed is emitted once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { user } = await makeAccount(w.deps, { username: 'pia', confirmed: false });
    const first = await mailed(w, () => requestConfirmation(w.deps, user));
    const second = await mailed(w, () => requestConfirmation(w.deps, user));
    const confirmed: string[] = [];
    w.deps.events.on('user.confirmed', (e) => void confirmed.push(e.userId));
    await assert.rejects(confirmByToken(w.deps, first.token), /Confirmation token is invalid/);
    await confirmByToken(w.deps, second.token);
    await assert.rejects(confirmByToken(w.deps, second.token), /Confirmation token is invalid/);
    await assert.rejects(confirmByToken(w.deps, ''), /Confirmation token is invalid/);
    assert.deepEqual(confirmed, [user.id]);
  });
});
