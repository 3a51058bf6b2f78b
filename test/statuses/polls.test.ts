import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PollJson } from '../../src/api/mastodon/serializers/poll.ts';
import { closeEndedPolls } from '../../src/domain/statuses/polls/close-poll.ts';
import { registerStatusJobs } from '../../src/jobs/statuses.ts';
import { assertEntity } from '../helpers/entity-shape.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { jobsFor } from '../helpers/jobs.ts';
import { countRows, get, posted, relate, send } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

async function setup(w: TestWoolly, poll: Record<string, unknown> = {}) {
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
  const status = await posted(w, alice.token, {
    status: 'which?',
    poll: { options: ['a', 'b', 'c'], expires_in: 3600, ...poll },
  });
  const id = status.poll!.id;
  const vote = (token: string, choices: unknown) =>
    send<PollJson>(w, 'POST', `/api/v1/polls/${id}/votes`, token, { choices });
  return { alice, bob, status, id, vote };
}

const refused = (error: string) => ({
  status: 422,
  body: { error: `Validation failed: ${error}` },
});

forEachDatabase((kind) => {
  test('voting counts, and each viewer sees their own votes', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { alice, bob, id, vote } = await setup(w);
    const voted: unknown[] = [];
    w.deps.events.on('poll.voted', (e) => void voted.push(e));
    const anonymous = await get<PollJson>(w, `/api/v1/polls/${id}`);
    assertEntity(anonymous.body, 'Poll');
    assert.equal('voted' in anonymous.body, false);
    assert.equal('own_votes' in anonymous.body, false);

    const res = await vote(bob.token, ['1']);
    assert.equal(res.status, 200);
    assertEntity(res.body, 'Poll');
    assert.deepEqual(res.body, {
      id,
      expires_at: new Date(w.clock.now() + 3_600_000).toISOString(),
      expired: false,
      multiple: false,
      votes_count: 1,
      voters_count: 1,
      voted: true,
      own_votes: [1],
      options: [
        { title: 'a', votes_count: 0 },
        { title: 'b', votes_count: 1 },
        { title: 'c', votes_count: 0 },
      ],
      emojis: [],
    });
    assert.equal(voted.length, 1);
    // The author counts as having voted, with no votes of her own.
    const own = await get<PollJson>(w, `/api/v1/polls/${id}`, alice.token);
    assert.equal(own.body.voted, true);
    assert.deepEqual(own.body.own_votes, []);

    assert.deepEqual(await vote(bob.token, ['2']), refused('You have already voted on this poll'));
    assert.deepEqual(await vote(alice.token, ['0']), refused('You cannot vote in your own polls'));
    const carol = await makeUserWithToken(w.deps, { account: { username: 'carol' } });
    assert.deepEqual(
      await vote(carol.token, ['3']),
      refused('The chosen vote option does not exist'),
    );
    assert.deepEqual(
      await vote(carol.token, ['0', '1']),
      refused('You have already voted on this poll'),
      'a single-choice poll takes one choice',
    );
    assert.equal(await countRows(w, 'poll_votes'), 1, 'a refused vote keeps none of its choices');
    assert.deepEqual(await send(w, 'POST', `/api/v1/polls/${id}/votes`, carol.token, {}), {
      status: 400,
      body: { error: 'param is missing or the value is empty: choices' },
    });

    w.clock.advance(3_600_001);
    assert.deepEqual(await vote(carol.token, ['0']), refused('The poll has already ended'));
    const ended = await get<PollJson>(w, `/api/v1/polls/${id}`, carol.token);
    assert.equal(ended.body.expired, true);
    assert.equal(ended.body.voted, false);
  });

  test('multiple-choice polls take several choices; hidden totals show once the poll ends', async (t) => {
    const w = await startTestWoolly(t, kind);
    const { bob, id, vote } = await setup(w, { multiple: true, hide_totals: true });
    const res = await vote(bob.token, ['0', '2']);
    assert.equal(res.status, 200);
    assert.equal(res.body.votes_count, 2);
    assert.equal(res.body.voters_count, 1);
    assert.deepEqual(res.body.own_votes, [0, 2]);
    assert.deepEqual(
      res.body.options.map((o) => o.votes_count),
      [null, null, null],
    );
    assert.deepEqual(await vote(bob.token, ['2']), refused('You have already voted on this poll'));
    const again = await vote(bob.token, ['1']);
    assert.equal(again.body.votes_count, 3);
    assert.equal(again.body.voters_count, 1);
    w.clock.advance(3_600_001);
    const ended = await get<PollJson>(w, `/api/v1/polls/${id}`);
    assert.deepEqual(
      ended.body.options.map((o) => o.votes_count),
      [1, 1, 1],
    );
  });

  test('a poll whose post is hidden is a 404; no votes across a block', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    const bob = await makeUserWithToken(w.deps, { account: { username: 'bob' } });
    const hidden = await posted(w, alice.token, {
      status: 'followers?',
      visibility: 'private',
      poll: { options: ['a', 'b'], expires_in: 600 },
    });
    const pollId = hidden.poll!.id;
    assert.deepEqual(await get(w, `/api/v1/polls/${pollId}`, bob.token), {
      status: 404,
      body: { error: 'Record not found' },
    });
    assert.equal(
      (await send(w, 'POST', `/api/v1/polls/${pollId}/votes`, bob.token, { choices: ['0'] }))
        .status,
      404,
    );
    assert.equal((await get(w, '/api/v1/polls/1')).status, 404);
    const open = await posted(w, alice.token, {
      status: 'everyone?',
      poll: { options: ['a', 'b'], expires_in: 600 },
    });
    await relate(w, bob.token, alice.account.id, 'block');
    assert.deepEqual(
      await send(w, 'POST', `/api/v1/polls/${open.poll!.id}/votes`, bob.token, { choices: ['0'] }),
      { status: 403, body: { error: 'This action is not allowed' } },
    );
  });

  test('a poll is closed by its job once it ends, once, and a lost job is swept up', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    registerStatusJobs(w.deps, jobs);
    const closed: string[] = [];
    w.deps.events.on('poll.closed', (e) => void closed.push(e.pollId));
    const { alice, id } = await setup(w, { expires_in: 300 });
    assert.equal(await jobs.runDue({ queues: ['scheduler'] }), 0, 'not before it ends');
    w.clock.advance(300_000);
    assert.equal(await jobs.runDue({ queues: ['scheduler'] }), 1);
    assert.deepEqual(closed, [id]);
    const row = await w.deps.db.get<{ closed_notified_at: number }>(
      'SELECT closed_notified_at FROM polls WHERE id = ?',
      [id],
    );
    assert.equal(Number(row?.closed_notified_at), w.clock.now());
    assert.equal(await closeEndedPolls(w.deps), 0, 'never announced twice');

    const second = await posted(w, alice.token, {
      status: 'again?',
      poll: { options: ['a', 'b'], expires_in: 300 },
    });
    await w.deps.db.run("DELETE FROM jobs WHERE name = 'polls.close'");
    w.clock.advance(300_000);
    assert.equal(await closeEndedPolls(w.deps), 1);
    assert.deepEqual(closed, [id, second.poll!.id]);
  });
});
