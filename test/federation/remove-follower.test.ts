/** Removing a remote follower tells its server with a Reject of its Follow, as Mastodon does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, send } from '../helpers/statuses.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

test('remove_from_followers of a remote follower sends Reject(Follow) to it', async (t) => {
  const { remote, w } = await startWithFakeRemote(t, 'sqlite');
  const jobs = w.jobs as EmbeddedJobs;
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  await remote.deliver(
    w,
    '/users/alice/inbox',
    fixture('follow.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
    }),
  );
  await jobs.runDue({ queues: ['ingress', 'default'] });
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  const follower = await get<{ id: string }[]>(
    w,
    `/api/v1/accounts/${alice.account.id}/followers`,
    alice.token,
  );
  const removed = await send<{ followed_by: boolean }>(
    w,
    'POST',
    `/api/v1/accounts/${follower.body[0]!.id}/remove_from_followers`,
    alice.token,
  );
  assert.equal(removed.status, 200);
  assert.equal(removed.body.followed_by, false);
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox'",
  );
  assert.equal(rows.length, 1);
  const { activity } = JSON.parse(rows[0]!.payload) as {
    activity: {
      type: string;
      actor: string;
      object: { type: string; actor: string; object: string };
    };
  };
  assert.equal(activity.type, 'Reject');
  assert.equal(activity.actor, 'https://woolly.test/users/alice');
  assert.equal(activity.object.type, 'Follow');
  assert.equal(activity.object.actor, remoteActor);
  assert.equal(activity.object.object, 'https://woolly.test/users/alice');
});
