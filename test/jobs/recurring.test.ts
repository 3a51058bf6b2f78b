import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextRunAt } from '../../src/jobs/recurring.ts';
import { jobsFor, waitFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

const minute = 60_000;

test('missed periods collapse into one run at the next slot of the schedule', () => {
  assert.equal(nextRunAt(1000, 100, 1000), 1100);
  assert.equal(nextRunAt(1000, 100, 1099), 1100);
  assert.equal(nextRunAt(1000, 100, 1100), 1200);
  assert.equal(nextRunAt(1000, 100, 1555), 1600);
});

forEachDatabase((kind) => {
  test('two processes on one database run a recurring job once per period', async (t) => {
    const w = await startTestWoolly(t, kind);
    const runs: string[] = [];
    const processes = ['a', 'b'].map((name) => {
      const jobs = jobsFor(w);
      jobs.register('cleanup', async () => {
        runs.push(name);
      });
      jobs.recurring('cleanup', { everyMs: minute });
      return jobs;
    });
    const allTick = () => Promise.all(processes.map((p) => p.tick()));
    const allRun = async () =>
      (await Promise.all(processes.map((p) => p.runDue()))).reduce((a, b) => a + b);

    await allTick();
    assert.equal(await allRun(), 0, 'a new recurring job is first due one period later');
    w.clock.advance(minute);
    await allTick();
    await allTick();
    assert.equal(await allRun(), 1);
    w.clock.advance(minute / 2);
    await allTick();
    assert.equal(await allRun(), 0);
    // Three periods pass while nothing ticks: one run, not three.
    w.clock.advance(3 * minute);
    await allTick();
    assert.equal(await allRun(), 1);
    assert.equal(runs.length, 2);
  });

  test('started schedulers in two processes enqueue each period once', async (t) => {
    const w = await startTestWoolly(t, kind);
    let runs = 0;
    const processes = [1, 2].map(() => {
      const jobs = jobsFor(w, { pollMs: 10 });
      jobs.register('tick', async () => {
        runs += 1;
      });
      jobs.recurring('tick', { everyMs: minute });
      jobs.start({ concurrency: 2 });
      return jobs;
    });
    // Let both schedulers record the job before time moves.
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (let period = 1; period <= 3; period++) {
      w.clock.advance(minute);
      await waitFor(() => runs === period);
      // Several more polls of both schedulers within the same period change nothing.
      await new Promise((resolve) => setTimeout(resolve, 60));
      assert.equal(runs, period);
    }
    await Promise.all(processes.map((p) => p.stop()));
  });

  test('a recurring run still waiting is not doubled by the next period', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    let runs = 0;
    jobs.register('digest', async () => {
      runs += 1;
    });
    jobs.recurring('digest', { everyMs: minute, queue: 'mailers' });
    await jobs.tick();
    w.clock.advance(minute);
    await jobs.tick();
    w.clock.advance(minute);
    await jobs.tick();
    assert.equal((await jobs.stats()).find((q) => q.queue === 'mailers')?.waiting, 1);
    await jobs.runDue();
    assert.equal(runs, 1);
  });
});
