/** Deleting a local account sends Delete of its actor to the servers that know it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deleteLocalAccount } from '../../src/domain/accounts/delete-local-account.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

test('a deleted local account is announced as Delete(actor), signed while it still exists', async (t) => {
  const { remote, w } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  await remote.deliver(
    w,
    '/users/alice/inbox',
    fixture('follow.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
    }),
  );
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");

  await deleteLocalAccount(w.deps, { account: alice.account });
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox'",
  );
  assert.equal(rows.length, 1);
  const message = JSON.parse(rows[0]!.payload) as {
    inbox: string;
    keys: unknown[];
    activity: { type: string; actor: string; object: string };
  };
  assert.equal(message.inbox, 'https://masto.qa.urbanwildlife.biz/inbox');
  assert.equal(message.activity.type, 'Delete');
  assert.equal(message.activity.actor, 'https://woolly.test/users/alice');
  assert.equal(message.activity.object, 'https://woolly.test/users/alice');
  assert.ok(message.keys.length > 0, 'the delivery carries the key it is signed with');
  const gone = await w.deps.db.get('SELECT id FROM accounts WHERE id = ?', [alice.account.id]);
  assert.equal(gone, undefined);
});
