/**
 * The jobs a domain event makes (jobs/event-jobs.ts): stored in the event's transaction, one
 * job per event where their ordering keys agree, each job run by its own handler, and a
 * failing bundle retried whole.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { transactionWithEvents } from '../../src/domain/transaction.ts';
import { EventJobs } from '../../src/jobs/event-jobs.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';
import { act, person, postStatus, runJobs, seen } from '../notifications/helpers.ts';

interface JobRow {
  name: string;
  ordering_key: string | null;
  payload: string;
  last_error: string | null;
}

/** The jobs waiting on `default`, but the federation outbox's (tested in federation/). */
const waiting = (w: TestWoolly) =>
  w.deps.db.all<JobRow>(
    "SELECT name, ordering_key, payload, last_error FROM jobs WHERE queue = 'default' AND name NOT LIKE 'outbox.%' ORDER BY id",
  );

const bundled = (row: JobRow) =>
  (JSON.parse(row.payload) as { jobs: { name: string }[] }).jobs.map((j) => j.name);

forEachDatabase((kind) => {
  test("a post's feed, notification and search jobs are one job, and it does all three", async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    await runJobs(w);
    const status = await postStatus(alice, { status: `hello @${bob.account.username} woolly` });
    const jobs = await waiting(w);
    assert.deepEqual(
      jobs.map((j) => [j.name, j.ordering_key, bundled(j)]),
      [
        [
          'reactions.status.created',
          `status:${status.id}`,
          ['notifications.process', 'feeds.process', 'search.index'],
        ],
      ],
    );
    assert.deepEqual(await seen(w, bob), [
      { type: 'mention', from: alice.account.id, status: status.id },
    ]);
    const home = await bob.api.get('/api/v1/timelines/home');
    assert.deepEqual(
      home.list.map((s) => s.id),
      [status.id],
    );
    const found = await bob.api.get('/api/v2/search?q=woolly&type=statuses');
    assert.deepEqual(
      (found.body as { statuses: { id: string }[] }).statuses.map((s) => s.id),
      [status.id],
    );
    assert.deepEqual(await waiting(w), []);
  });

  test("an event's jobs commit with its transaction, and roll back with it", async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const status = await postStatus(alice, { status: 'first' });
    await runJobs(w);
    const event = {
      statusId: status.id,
      accountId: alice.account.id,
      local: true,
      linked: false,
    };
    await assert.rejects(
      transactionWithEvents(w.deps, async (_tx, emit) => {
        await emit('status.updated', event);
        throw new Error('the write failed');
      }),
      /the write failed/,
    );
    assert.deepEqual(await waiting(w), [], 'nothing stored for a rolled-back write');
    // Committed, and the process stops before the event's listeners hear it (a crash right
    // after the commit): the job is there for the workers.
    await w.deps.db.transaction((tx) => w.deps.events.record(tx, 'status.updated', event));
    const [job] = await waiting(w);
    assert.equal(job?.name, 'reactions.status.updated');
    assert.deepEqual(bundled(job!), ['notifications.process', 'search.index']);
  });

  test('jobs whose ordering keys differ stay separate jobs', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const bob = await person(w);
    await runJobs(w);
    await act(bob, `/api/v1/accounts/${alice.account.id}/follow`);
    const jobs = await waiting(w);
    assert.deepEqual(jobs.map((j) => j.name).sort(), ['feeds.process', 'notifications.process']);
    assert.equal(new Set(jobs.map((j) => j.ordering_key)).size, 2);
  });

  test('an event emitted after its write has its jobs enqueued then', async (t) => {
    const w = await startTestWoolly(t, kind);
    const alice = await person(w);
    const status = await postStatus(alice, { status: 'first' });
    await runJobs(w);
    await w.deps.events.emit('status.updated', {
      statusId: status.id,
      accountId: alice.account.id,
      local: true,
    });
    assert.deepEqual(
      (await waiting(w)).map((j) => [j.name, j.ordering_key]),
      [['reactions.status.updated', `status:${status.id}`]],
    );
    await runJobs(w);
    assert.deepEqual(await waiting(w), []);
  });

  test('a bundle that fails keeps its error and runs every job again on its retry', async (t) => {
    const w = await startTestWoolly(t, kind);
    const eventJobs = new EventJobs(w.deps, w.jobs);
    t.after(() => eventJobs.stop());
    const ran: string[] = [];
    let failing = true;
    eventJobs.register('test.first', async () => void ran.push('first'));
    eventJobs.register('test.second', async () => {
      ran.push('second');
      if (failing) throw new Error('second failed');
    });
    for (const name of ['test.first', 'test.second']) {
      eventJobs.on('status.thread_opened', (e) => ({
        queue: 'default',
        name,
        payload: e,
        orderingKey: `status:${e.statusId}`,
      }));
    }
    await transactionWithEvents(w.deps, (_tx, emit) =>
      emit('status.thread_opened', { statusId: '42' }),
    );
    await runJobs(w);
    const [job] = await waiting(w);
    assert.equal(job?.name, 'reactions.status.thread_opened');
    assert.match(job?.last_error ?? '', /second failed/);
    assert.deepEqual(ran, ['first', 'second']);
    failing = false;
    await w.deps.db.run("UPDATE jobs SET run_at = 0 WHERE name = 'reactions.status.thread_opened'");
    await runJobs(w);
    assert.deepEqual(ran, ['first', 'second', 'first', 'second']);
    assert.deepEqual(await waiting(w), []);
  });
});
