import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { posted } from '../helpers/statuses.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const hosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};
const sharedInbox = 'https://masto.qa.urbanwildlife.biz/inbox';

/** A Woolly with alice, and the fake remote account known to it (it follows alice or not). */
async function setup(t: TestContext, options: { remoteFollows: boolean }) {
  const { remote, w } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const first = options.remoteFollows
    ? fixture('follow.json', hosts)
    : fixture('create-note-cw-mention.json', hosts);
  assert.equal((await remote.deliver(w, '/inbox', first)).status, 202);
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return { w, alice };
}

/** The activities queued for delivery since the last call, as [type, inbox] pairs. */
async function takeDeliveries(
  w: TestWoolly,
): Promise<{ type: string; inbox: string; json: string }[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map((row) => {
    const message = JSON.parse(row.payload) as { inbox: string; activity: { type: string } };
    return { type: message.activity.type, inbox: message.inbox, json: row.payload };
  });
}

test('posts reach remote followers, never local-only ones or direct ones beyond their audience', async (t) => {
  const { w, alice } = await setup(t, { remoteFollows: true });

  const pub = await posted(w, alice.token, { status: 'for everyone' });
  const [create] = await takeDeliveries(w);
  assert.equal(create?.type, 'Create');
  assert.equal(create?.inbox, sharedInbox);
  assert.match(create!.json, /for everyone/);

  await posted(w, alice.token, { status: 'followers only', visibility: 'private' });
  assert.deepEqual(
    (await takeDeliveries(w)).map((d) => d.type),
    ['Create'],
  );

  await posted(w, alice.token, { status: 'only here', local_only: true });
  await posted(w, alice.token, { status: 'nobody remote', visibility: 'direct' });
  assert.deepEqual(await takeDeliveries(w), []);
  await posted(w, alice.token, {
    status: '@mastodon@masto.qa.urbanwildlife.biz psst',
    visibility: 'direct',
  });
  const direct = await takeDeliveries(w);
  assert.deepEqual(
    direct.map((d) => d.type),
    ['Create'],
  );
  assert.match(direct[0]!.json, /psst/);

  const edit = await w.request(`/api/v1/statuses/${pub.id}`, {
    method: 'PUT',
    token: alice.token,
    json: { status: 'for everyone, edited' },
  });
  assert.equal(edit.status, 200);
  const [update] = await takeDeliveries(w);
  assert.equal(update?.type, 'Update');
  assert.match(update!.json, /edited/);

  const del = await w.request(`/api/v1/statuses/${pub.id}`, {
    method: 'DELETE',
    token: alice.token,
  });
  assert.equal(del.status, 200);
  const [tombstone] = await takeDeliveries(w);
  assert.equal(tombstone?.type, 'Delete');
  assert.match(tombstone!.json, /Tombstone/);

  const profile = await w.request('/api/v1/accounts/update_credentials', {
    method: 'PATCH',
    token: alice.token,
    json: { display_name: 'Alice Again' },
  });
  assert.equal(profile.status, 200);
  const [person] = await takeDeliveries(w);
  assert.equal(person?.type, 'Update');
  assert.match(person!.json, /Alice Again/);
});

test('follows, favourites and blocks of a remote account go to its server', async (t) => {
  const { w, alice } = await setup(t, { remoteFollows: false });
  const remote = await w.deps.db.get<{ id: string }>('SELECT id FROM accounts WHERE uri = ?', [
    remoteActor,
  ]);
  const status = await w.deps.db.get<{ id: string }>(
    'SELECT id FROM statuses WHERE account_id = ?',
    [remote!.id],
  );
  const act = (path: string) => w.request(path, { method: 'POST', token: alice.token, json: {} });

  assert.equal((await act(`/api/v1/accounts/${remote!.id}/follow`)).status, 200);
  const [follow] = await takeDeliveries(w);
  assert.equal(follow?.type, 'Follow');
  assert.match(follow!.json, /https:\/\/woolly\.test\/users\/alice#follows\//);

  assert.equal((await act(`/api/v1/statuses/${status!.id}/favourite`)).status, 200);
  assert.equal((await act(`/api/v1/statuses/${status!.id}/unfavourite`)).status, 200);
  assert.deepEqual(
    (await takeDeliveries(w)).map((d) => d.type),
    ['Like', 'Undo'],
  );

  assert.equal((await act(`/api/v1/accounts/${remote!.id}/block`)).status, 200);
  // Blocking ends the follow request (Undo(Follow)) and sends Block.
  assert.deepEqual((await takeDeliveries(w)).map((d) => d.type).sort(), ['Block', 'Undo']);
});
