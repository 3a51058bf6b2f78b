/**
 * A reply arrives whose parent Woolly does not have: the parent and its missing ancestors are
 * fetched on `pull` (at most five up the chain), stored root first, and the reply (a Note or
 * a Question) joins its thread without anyone opening it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const publicAddress = 'https://www.w3.org/ns/activitystreams#Public';
const noteUri = (n: number) => `${remoteActor}/statuses/${1000 + n}`;

function note(n: number): Record<string, unknown> {
  return {
    '@context': 'https://www.w3.org/ns/activitystreams',
    id: noteUri(n),
    type: 'Note',
    attributedTo: remoteActor,
    to: [publicAddress],
    content: `<p>post ${n}</p>`,
    published: `2026-11-01T10:0${n}:00Z`,
    ...(n > 0 ? { inReplyTo: noteUri(n - 1) } : {}),
  };
}

forEachDatabase((kind) => {
  test('an unknown parent of an arriving reply is fetched, five posts up at most', async (t) => {
    const { remote, w } = await startWithFakeRemote(t, kind);
    await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    // A thread of eight posts on the remote server: 0 <- 1 <- ... <- 7.
    for (let n = 0; n < 7; n += 1) remote.documents.set(noteUri(n), note(n));
    const create = await remote.deliver(w, '/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${noteUri(7)}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: [publicAddress],
      object: note(7),
    });
    assert.equal(create.status, 202);
    const jobs = w.jobs as EmbeddedJobs;
    await jobs.runDue({ queues: ['ingress', 'default'] });
    const queued = await w.deps.db.all<{ name: string }>(
      "SELECT name FROM jobs WHERE queue = 'pull' AND name = 'backfill.parent'",
    );
    assert.equal(queued.length, 1, 'the parent is fetched in the pull queue, not inline');
    await jobs.runDue({ queues: ['pull', 'default'] });

    const rows = await w.deps.db.all<{ uri: string; id: string | number; in_reply_to_id: unknown }>(
      'SELECT id, uri, in_reply_to_id FROM statuses ORDER BY uri',
    );
    const byUri = new Map(rows.map((r) => [r.uri, r]));
    assert.deepEqual(
      [...byUri.keys()],
      [2, 3, 4, 5, 6, 7].map(noteUri),
      'the five posts above the reply, no more',
    );
    for (let n = 3; n <= 7; n += 1) {
      assert.equal(
        String(byUri.get(noteUri(n))!.in_reply_to_id),
        String(byUri.get(noteUri(n - 1))!.id),
        `post ${n} is in its thread`,
      );
    }
    const reply = byUri.get(noteUri(7))!;
    const parent = await get<{ replies_count: number }>(
      w,
      `/api/v1/statuses/${String(byUri.get(noteUri(6))!.id)}`,
    );
    assert.equal(parent.body.replies_count, 1);
    const context = await get<{ ancestors: { uri: string }[] }>(
      w,
      `/api/v1/statuses/${String(reply.id)}/context`,
    );
    assert.deepEqual(
      context.body.ancestors.map((s) => s.uri),
      [2, 3, 4, 5, 6].map(noteUri),
    );

    // A poll answering a post Woolly lacks fetches it too.
    const question = {
      ...note(9),
      type: 'Question',
      inReplyTo: noteUri(1),
      oneOf: [
        { type: 'Note', name: 'yes', replies: { type: 'Collection', totalItems: 0 } },
        { type: 'Note', name: 'no', replies: { type: 'Collection', totalItems: 0 } },
      ],
      endTime: '2026-11-02T10:00:00Z',
    };
    await remote.deliver(w, '/inbox', {
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${noteUri(9)}/activity`,
      type: 'Create',
      actor: remoteActor,
      to: [publicAddress],
      object: question,
    });
    await jobs.runDue({ queues: ['ingress', 'default'] });
    await jobs.runDue({ queues: ['pull', 'default'] });
    const poll = await w.deps.db.get<{ parent: string | null }>(
      `SELECT parent.uri AS parent FROM statuses s JOIN statuses parent ON parent.id = s.in_reply_to_id
        WHERE s.uri = ?`,
      [noteUri(9)],
    );
    assert.equal(poll?.parent, noteUri(1));
  });
});
