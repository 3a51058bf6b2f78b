/**
 * Updates of remote posts through the inbox, as Mastodon's ProcessStatusUpdateService takes
 * them: only a difference the reader sees (text, content warning, attachments or their
 * descriptions, poll options) is an edit, with its versions, `edited_at` and an `update`
 * notification to those who boosted it; anything else is stored silently.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, send } from '../helpers/statuses.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

interface StatusJson {
  id: string;
  content: string;
  spoiler_text: string;
  sensitive: boolean;
  edited_at: string | null;
  media_attachments: { description: string | null }[];
  poll: { options: { title: string; votes_count: number }[] } | null;
}

async function setup(t: TestContext, kind: DatabaseKind) {
  const { remote, w } = await startWithFakeRemote(t, kind);
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const jobs = w.jobs as EmbeddedJobs;
  const process = () => jobs.runDue({ queues: ['ingress', 'default'] });
  /** Delivers `activity` and runs what it queued. */
  const deliver = async (activity: Record<string, unknown>) => {
    assert.equal((await remote.deliver(w, '/inbox', activity)).status, 202);
    await process();
  };
  const statusOf = async (uri: string) => {
    const row = await w.deps.db.get<{ id: string | number }>(
      'SELECT id FROM statuses WHERE uri = ?',
      [uri],
    );
    assert.ok(row, `${uri} is stored`);
    return (await get<StatusJson>(w, `/api/v1/statuses/${String(row.id)}`, alice.token)).body;
  };
  const history = async (id: string) =>
    (await get<{ content: string }[]>(w, `/api/v1/statuses/${id}/history`, alice.token)).body;
  const notifications = async () =>
    (await get<{ type: string }[]>(w, '/api/v1/notifications', alice.token)).body.map(
      (n) => n.type,
    );
  return { w, alice, deliver, statusOf, history, notifications };
}

/** An Update of `object` from the remote actor. */
function updateOf(context: unknown, object: Record<string, unknown>, n: number) {
  return {
    '@context': context,
    id: `${remoteActor}#updates/${n}`,
    type: 'Update',
    actor: remoteActor,
    to: object.to,
    object,
  };
}

forEachDatabase((kind) => {
  test('an Update is an edit only when the reader sees a difference', async (t) => {
    const { w, alice, deliver, statusOf, history, notifications } = await setup(t, kind);
    const create = fixture('create-note-cw-mention.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
    });
    const picture = {
      type: 'Document',
      mediaType: 'image/png',
      url: 'https://masto.qa.urbanwildlife.biz/media/cat.png',
      name: 'a cat',
    };
    const note: Record<string, unknown> = {
      ...(create.object as Record<string, unknown>),
      attachment: [picture],
    };
    const uri = String(note.id);
    await deliver({ ...create, object: note });
    const created = await statusOf(uri);
    assert.equal(created.sensitive, true);
    const boost = await send(w, 'POST', `/api/v1/statuses/${created.id}/reblog`, alice.token);
    assert.equal(boost.status, 200);

    // Nothing the reader sees: the sensitive flag and language alone, a newer `updated`.
    const quiet = { ...note, sensitive: false, contentMap: { fr: note.content } };
    await deliver(updateOf(create['@context'], { ...quiet, updated: '2018-02-12T15:00:00Z' }, 1));
    const silent = await statusOf(uri);
    assert.equal(silent.sensitive, false);
    assert.equal(silent.content, created.content);
    assert.equal(silent.edited_at, null);
    assert.equal((await history(created.id)).length, 1);
    assert.deepEqual(await notifications(), []);

    // A new description of the same attachment is an edit.
    const described = {
      ...quiet,
      attachment: [{ ...picture, name: 'a black cat' }],
      updated: '2018-02-12T15:10:00Z',
    };
    await deliver(updateOf(create['@context'], described, 2));
    const edited = await statusOf(uri);
    assert.equal(edited.edited_at, '2018-02-12T15:10:00.000Z');
    assert.deepEqual(
      edited.media_attachments.map((m) => m.description),
      ['a black cat'],
    );
    assert.equal((await history(created.id)).length, 2);
    assert.deepEqual(await notifications(), ['update']);

    // New text is an edit too, recorded as a third version.
    const rewritten = {
      ...described,
      content: '<p>new words</p>',
      updated: '2018-02-12T15:20:00Z',
    };
    await deliver(updateOf(create['@context'], rewritten, 3));
    const versions = await history(created.id);
    assert.deepEqual(
      versions.map((v) => v.content),
      [created.content, created.content, '<p>new words</p>'],
    );
    assert.equal((await statusOf(uri)).edited_at, '2018-02-12T15:20:00.000Z');

    // Without `updated` (a quote stamp, say) or older than the last edit: no change at all.
    const undated: Record<string, unknown> = { ...rewritten, content: '<p>undated</p>' };
    delete undated.updated;
    await deliver(updateOf(create['@context'], undated, 4));
    await deliver(
      updateOf(
        create['@context'],
        { ...rewritten, content: '<p>stale</p>', updated: '2018-02-12T15:05:00Z' },
        5,
      ),
    );
    const last = await statusOf(uri);
    assert.equal(last.content, '<p>new words</p>');
    assert.equal((await history(created.id)).length, 3);
    // (Woolly keeps one `update` notification per post and account.)
    assert.deepEqual(await notifications(), ['update']);
  });

  test('new poll counts are no edit; new poll options are', async (t) => {
    const { deliver, statusOf, history } = await setup(t, kind);
    const create = fixture('create-question-poll.json', {
      'https://mastodon.sdf.org/users/rinpatch': remoteActor,
    });
    const question = create.object as Record<string, unknown>;
    const uri = String(question.id);
    await deliver(create);
    const created = await statusOf(uri);
    const options = question.oneOf as { name: string }[];
    const counted = {
      ...question,
      updated: '2019-05-10T10:00:00Z',
      oneOf: options.map((o, i) => ({
        type: 'Note',
        name: o.name,
        replies: { type: 'Collection', totalItems: i + 3 },
      })),
    };
    await deliver(updateOf(create['@context'], counted, 1));
    const recounted = await statusOf(uri);
    assert.equal(recounted.edited_at, null);
    assert.deepEqual(
      recounted.poll?.options.map((o) => o.votes_count),
      [3, 4, 5, 6],
    );
    assert.equal((await history(created.id)).length, 1);

    const reworded = {
      ...counted,
      updated: '2019-05-10T11:00:00Z',
      oneOf: [
        { type: 'Note', name: 'Yes', replies: { type: 'Collection', totalItems: 0 } },
        { type: 'Note', name: 'No', replies: { type: 'Collection', totalItems: 0 } },
      ],
    };
    await deliver(updateOf(create['@context'], reworded, 2));
    const edited = await statusOf(uri);
    assert.equal(edited.edited_at, '2019-05-10T11:00:00.000Z');
    assert.deepEqual(
      edited.poll?.options.map((o) => o.title),
      ['Yes', 'No'],
    );
    assert.equal((await history(created.id)).length, 2);
  });
});
