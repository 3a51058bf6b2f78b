/**
 * Polls over ActivityPub, driven by captures from Mastodon, Misskey and GoToSocial through
 * the inbox (SQLite: the poll storage itself is tested on both databases with the API):
 * remote Questions and their Updates, local votes on remote polls going out, remote votes on
 * local polls counted by Mastodon's rules, and local polls going out as Questions.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeUserWithToken } from '../helpers/factories.ts';
import { get, posted, send } from '../helpers/statuses.ts';
import type { TestWoolly } from '../helpers/woolly.ts';
import { fixture, remoteActor } from './fake-remote.ts';
import { startWithFakeRemote } from './helpers.ts';

const remoteHost = 'https://masto.qa.urbanwildlife.biz';
const sharedInbox = `${remoteHost}/inbox`;

interface PollJson {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  options: { title: string; votes_count: number | null }[];
  voted?: boolean;
  own_votes?: number[];
}

async function takeDeliveries(w: TestWoolly) {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map((row) => {
    const message = JSON.parse(row.payload) as {
      inbox: string;
      activity: Record<string, unknown> & { type: string; object: Record<string, unknown> };
    };
    return message;
  });
}

test('polls federate both ways: Questions in, votes out and in, local polls as Questions', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const questionHosts = {
    'https://mastodon.sdf.org/users/rinpatch': remoteActor,
    'https://mastodon.sdf.org/@rinpatch': `${remoteHost}/@mastodon`,
  };

  // A Mastodon poll arrives with its counts and end.
  const create = fixture('create-question-poll.json', questionHosts);
  // Seen first as a plain Note (as an outbox fetch may store it), then as the Question.
  const asNote = { ...(create.object as Record<string, unknown>), type: 'Note' };
  await remote.deliver(w, '/inbox', { ...create, id: `${String(create.id)}-note`, object: asNote });
  await process();
  assert.equal((await remote.deliver(w, '/inbox', create)).status, 202);
  await process();
  const questionUri = `${remoteActor}/statuses/102070944809637304`;
  const row = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM statuses WHERE uri = ?',
    [questionUri],
  );
  assert.ok(row, 'the Question is stored as a post');
  const statusId = String(row.id);
  const shown = await get<{ poll: PollJson | null }>(
    w,
    `/api/v1/statuses/${statusId}`,
    alice.token,
  );
  const poll = shown.body.poll!;
  assert.deepEqual(
    poll.options.map((o) => [o.title, o.votes_count]),
    [
      ['Dunno', 0],
      ['Everyone knows that!', 1],
      ['25 char limit is dumb', 0],
      ["I can't even fit a funny", 1],
    ],
  );
  assert.equal(poll.multiple, false);
  assert.equal(poll.votes_count, 2);
  assert.equal(poll.expires_at, '2019-05-11T09:03:36.000Z');

  // Its Update brings new counts and Mastodon's votersCount, and it stays open in our clock.
  const question = { ...(create.object as Record<string, unknown>) };
  question.endTime = '2026-12-01T00:00:00Z';
  question.votersCount = 7;
  question.oneOf = (question.oneOf as { name: string }[]).map((o, i) => ({
    type: 'Note',
    name: o.name,
    replies: { type: 'Collection', totalItems: i + 1 },
  }));
  const update = {
    // Mastodon's context names votersCount; this 2019 capture's predates it.
    '@context': [...(create['@context'] as unknown[]), { votersCount: 'toot:votersCount' }],
    id: `${questionUri}#updates/1`,
    type: 'Update',
    actor: remoteActor,
    object: question,
  };
  assert.equal((await remote.deliver(w, '/inbox', update)).status, 202);
  await process();
  const refreshed = (await get<{ poll: PollJson }>(w, `/api/v1/statuses/${statusId}`, alice.token))
    .body.poll;
  assert.equal(refreshed.votes_count, 10);
  assert.equal(refreshed.voters_count, 7);
  assert.equal(refreshed.expired, false);

  // alice votes: one Create(Note{name, inReplyTo}) goes to the poll's author only.
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  const vote = await send<PollJson>(w, 'POST', `/api/v1/polls/${refreshed.id}/votes`, alice.token, {
    choices: ['1'],
  });
  assert.equal(vote.status, 200);
  assert.equal(vote.body.votes_count, 11);
  assert.deepEqual(vote.body.own_votes, [1]);
  const [sent, ...more] = await takeDeliveries(w);
  assert.equal(more.length, 0);
  assert.equal(sent!.inbox, sharedInbox);
  assert.equal(sent!.activity.type, 'Create');
  assert.equal(sent!.activity.object.type, 'Note');
  assert.equal(sent!.activity.object.name, 'Everyone knows that!');
  assert.equal(sent!.activity.object.inReplyTo, questionUri);
  assert.equal(sent!.activity.object.content, undefined);

  // A Misskey poll without an end.
  const misskey = fixture('question-misskey-no-endtime.json', {
    'https://skippers-bin.com/users/7v1w1r8ce6': remoteActor,
    'https://skippers-bin.com/notes/7x9tmrp97i': `${remoteActor}/notes/7x9tmrp97i`,
  });
  await remote.deliver(w, '/inbox', {
    '@context': misskey['@context'],
    id: `${remoteActor}/notes/7x9tmrp97i/activity`,
    type: 'Create',
    actor: remoteActor,
    object: misskey,
  });
  await process();
  const missRow = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM statuses WHERE uri = ?',
    [`${remoteActor}/notes/7x9tmrp97i`],
  );
  const missPoll = (
    await get<{ poll: PollJson }>(w, `/api/v1/statuses/${missRow!.id}`, alice.token)
  ).body.poll;
  assert.equal(missPoll.expires_at, null);
  assert.deepEqual(
    missPoll.options.map((o) => o.title),
    ['Working', 'Broken af'],
  );
});

test('votes on local polls are counted as Mastodon counts them, and the Question goes out', async (t) => {
  const { remote, w, process } = await startWithFakeRemote(t, 'sqlite');
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  // The remote account follows alice, so her posts go to it.
  await remote.deliver(
    w,
    '/users/alice/inbox',
    fixture('follow.json', {
      'http://mastodon.example.org/users/admin': remoteActor,
      'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
    }),
  );
  await process();
  await takeDeliveries(w);

  const single = await posted(w, alice.token, {
    status: 'tea or coffee?',
    poll: { options: ['tea', 'coffee'], expires_in: 3600 },
  });
  const [published] = await takeDeliveries(w);
  assert.equal(published!.activity.type, 'Create');
  const object = published!.activity.object;
  assert.equal(object.type, 'Question');
  assert.deepEqual(
    (object.oneOf as { name: string; replies: { totalItems: number } }[]).map((o) => [
      o.name,
      o.replies.totalItems,
    ]),
    [
      ['tea', 0],
      ['coffee', 0],
    ],
  );
  assert.ok(object.endTime);

  const voteFor = (name: string, id: string, inReplyTo = single.uri) => {
    const activity = fixture('create-poll-vote.json', {
      'https://mastodon.sdf.org/users/rinpatch': remoteActor,
      'https://testing.uguu.ltd/objects/9d300947-2dcb-445d-8978-9a3b4b84fa14': inReplyTo,
      'https://testing.uguu.ltd/users/rin': 'https://woolly.test/users/alice',
    });
    const note = activity.object as Record<string, unknown>;
    note.name = name;
    note.id = `${remoteActor}#votes/${id}`;
    activity.id = `${remoteActor}#votes/${id}/activity`;
    return activity;
  };
  await remote.deliver(w, '/users/alice/inbox', voteFor('coffee', '1'));
  // A second vote in a single-choice poll, and an option that does not exist: both dropped.
  await remote.deliver(w, '/users/alice/inbox', voteFor('tea', '2'));
  await remote.deliver(w, '/users/alice/inbox', voteFor('juice', '3'));
  await process();
  const counted = (await get<{ poll: PollJson }>(w, `/api/v1/statuses/${single.id}`, alice.token))
    .body.poll;
  assert.deepEqual(
    counted.options.map((o) => o.votes_count),
    [0, 1],
  );
  assert.equal(counted.voters_count, 1);

  // GoToSocial's multiple-choice vote: one Create with both choices.
  const multiple = await posted(w, alice.token, {
    status: 'which papers?',
    poll: { options: ['tissues', 'financial times', 'neither'], expires_in: 3600, multiple: true },
  });
  const gts = fixture('create-poll-votes-gotosocial.json', {
    'https://sample.com/users/willy_nilly': remoteActor,
    'https://example.org/users/bobby_tables/statuses/123456': multiple.uri,
    'https://example.org/users/bobby_tables': 'https://woolly.test/users/alice',
  });
  gts.id = `${remoteActor}/activity#vote/1`;
  await remote.deliver(w, '/users/alice/inbox', gts);
  await process();
  const both = (await get<{ poll: PollJson }>(w, `/api/v1/statuses/${multiple.id}`, alice.token))
    .body.poll;
  assert.deepEqual(
    both.options.map((o) => o.votes_count),
    [1, 1, 0],
  );
  assert.equal(both.voters_count, 1);

  // Three minutes after the votes, one Update(Question) per poll tells the counts.
  await takeDeliveries(w);
  w.clock.advance(3 * 60_000 + 1);
  await process();
  const updates = await takeDeliveries(w);
  assert.deepEqual(
    updates.map((u) => [u.activity.type, u.activity.object.id]).sort(),
    [
      ['Update', multiple.uri],
      ['Update', single.uri],
    ].sort(),
  );
  const coffee = updates.find((u) => u.activity.object.id === single.uri)!.activity.object;
  assert.deepEqual(
    (coffee.oneOf as { replies: { totalItems: number } }[]).map((o) => o.replies.totalItems),
    [0, 1],
  );
  assert.equal(coffee.votersCount, 1);
});
