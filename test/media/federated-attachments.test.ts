/**
 * A remote post with attachments arrives through the inbox: its attachments are recorded
 * with the sender's addresses and the media cache's fetch jobs wait on the `pull` queue;
 * the same Create delivered again adds nothing. The sender's avatar is queued too. A poll
 * (a Question) with an image gets its attachment too.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { fixture, remoteActor } from '../federation/fake-remote.ts';
import { startWithFakeRemote } from '../federation/helpers.ts';

const hosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};

test('a remote post’s attachments are recorded and queued for the media cache', async (t) => {
  const { remote, w } = await startWithFakeRemote(t, 'sqlite');
  await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const create = fixture('create-note-cw-mention.json', hosts);
  (create.object as Record<string, unknown>).attachment = [
    {
      type: 'Document',
      mediaType: 'image/png',
      url: 'https://files.urbanwildlife.biz/media/cat.png',
      name: 'A cat',
      width: 640,
      height: 480,
    },
  ];
  for (let i = 0; i < 2; i++) {
    assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  }
  const rows = await w.deps.db.all<{ id: unknown; remote_url: string; description: string }>(
    "SELECT id, remote_url, description FROM media_attachments WHERE remote_url <> ''",
  );
  assert.deepEqual(
    rows.map((r) => [r.remote_url, r.description]),
    [['https://files.urbanwildlife.biz/media/cat.png', 'A cat']],
  );
  const queued = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'media.cache_remote' AND queue = 'pull' ORDER BY id",
  );
  const author = await w.deps.db.get<{ id: unknown }>('SELECT id FROM accounts WHERE uri = ?', [
    remoteActor,
  ]);
  // The sender's avatar (first seen) and the attachment, each once.
  assert.deepEqual(
    queued.map((j) => JSON.parse(j.payload) as unknown),
    [
      { kind: 'avatar', id: String(author!.id) },
      { kind: 'attachment', id: String(rows[0]!.id) },
    ],
  );

  const question = fixture('create-question-poll.json', {
    'https://mastodon.sdf.org/users/rinpatch': remoteActor,
    'https://mastodon.sdf.org/@rinpatch': 'https://masto.qa.urbanwildlife.biz/@mastodon',
  });
  (question.object as Record<string, unknown>).attachment = [
    { type: 'Document', mediaType: 'image/jpeg', url: 'https://files.urbanwildlife.biz/a.jpg' },
  ];
  assert.equal((await remote.deliver(w, '/inbox', question)).status, 202);
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  const poll = await w.deps.db.get<{ remote_url: string; type: string }>(
    `SELECT m.remote_url, m.type FROM media_attachments m JOIN statuses s ON s.id = m.status_id
     WHERE s.poll_id IS NOT NULL`,
  );
  assert.deepEqual(
    { ...poll },
    { remote_url: 'https://files.urbanwildlife.biz/a.jpg', type: 'image' },
  );
});
