import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deferred, jobsFor, waitFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('the loops of a worker share one claim of several jobs, and finished ones are removed together', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w, { pollMs: 10 });
    const release = deferred();
    const ran: number[] = [];
    let started = 0;
    jobs.register('work', async (payload) => {
      started += 1;
      await release.promise;
      ran.push(Number(payload));
    });
    await jobs.enqueueMany(
      'default',
      'work',
      Array.from({ length: 12 }, (_, i) => i),
    );
    jobs.start({ queues: ['default'], concurrency: 4 });
    await waitFor(() => started === 4);
    // Four running jobs, one claim: one lock token.
    const tokens = await w.deps.db.all<{ locked_by: string }>(
      "SELECT DISTINCT locked_by FROM jobs WHERE state = 'running'",
    );
    assert.equal(tokens.length, 1);
    release.resolve();
    await waitFor(
      async () => (await jobs.stats())[0]!.waiting + (await jobs.stats())[0]!.running === 0,
    );
    assert.deepEqual(
      [...ran].sort((a, b) => a - b),
      Array.from({ length: 12 }, (_, i) => i),
    );
    await jobs.stop();
    assert.equal(
      Number((await w.deps.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM jobs'))?.n),
      0,
    );
  });

  test('a worker that dies in the middle of a batch loses none of it', async (t) => {
    const w = await startTestWoolly(t, kind);
    // The dying process claims all three jobs at once; its first job finishes (and is removed
    // before that loop looks for more), the others hang as if the process had been killed.
    // (Its lock renewal and housekeeping run every 20 s and 60 s of real time, which this
    // test does not last.)
    const dying = jobsFor(w, { lockMs: 60_000, pollMs: 60_000 });
    const survivor = jobsFor(w);
    const ranOnDying: number[] = [];
    const ranOnSurvivor: number[] = [];
    const never = new Promise<void>(() => {});
    dying.register('work', async (payload) => {
      if (ranOnDying.length > 0) return never;
      ranOnDying.push(Number(payload));
    });
    survivor.register('work', async (payload) => {
      ranOnSurvivor.push(Number(payload));
    });
    await dying.enqueueMany('default', 'work', [1, 2, 3]);
    dying.start({ queues: ['default'], concurrency: 3 });
    await waitFor(() => ranOnDying.length === 1);
    await waitFor(async () => (await dying.stats())[0]!.running === 2);
    assert.equal(await survivor.runDue(), 0, 'the locks still hold');

    w.clock.advance(60_001);
    await survivor.tick();
    assert.equal(await survivor.runDue(), 2);
    assert.deepEqual([...ranOnDying, ...ranOnSurvivor].sort(), [1, 2, 3]);
    const stats = (await survivor.stats())[0]!;
    assert.deepEqual([stats.waiting, stats.running, stats.dead], [0, 0, 0]);
    await dying.stop({ timeoutMs: 10 });
  });

  test('jobs claimed by a stopping worker and not started yet go back to the queue without losing an attempt', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w, { pollMs: 10 });
    const release = deferred();
    const started: number[] = [];
    jobs.register('work', async (payload) => {
      started.push(Number(payload));
      if (payload !== 1) await release.promise;
    });
    await jobs.enqueueMany('default', 'work', [1, 2, 3, 4, 5, 6]);
    // Three loops take 1, 2 and 3; 1 ends at once and its loop claims 4, 5 and 6 for the
    // group, starts 4, and keeps 5 and 6 for the loops still busy.
    jobs.start({ queues: ['default'], concurrency: 3 });
    await waitFor(() => started.includes(4));
    const stopping = jobs.stop();
    release.resolve();
    await stopping;
    assert.deepEqual([...started].sort(), [1, 2, 3, 4]);
    const rows = await w.deps.db.all<{ payload: string; state: string; attempts: number }>(
      'SELECT payload, state, attempts FROM jobs ORDER BY id',
    );
    assert.deepEqual(
      rows.map((r) => [r.payload, r.state, Number(r.attempts)]),
      [
        ['5', 'waiting', 0],
        ['6', 'waiting', 0],
      ],
    );
  });
});
