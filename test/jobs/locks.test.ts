import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deferred, jobsFor, waitFor } from '../helpers/jobs.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('a job whose worker stopped renewing its lock is taken over by another process', async (t) => {
    const w = await startTestWoolly(t, kind);
    const stuck = jobsFor(w, { lockMs: 30_000 });
    const healthy = jobsFor(w, { lockMs: 30_000 });
    const release = deferred();
    const ranOn: string[] = [];
    stuck.register('work', async () => {
      await release.promise;
      ranOn.push('stuck');
    });
    healthy.register('work', async () => {
      ranOn.push('healthy');
    });
    await stuck.enqueue('default', 'work', null);
    const hung = stuck.runDue();
    await waitFor(async () => (await stuck.stats())[0]!.running === 1);

    w.clock.advance(29_000);
    await healthy.tick();
    assert.equal(await healthy.runDue(), 0, 'the lock still holds');
    w.clock.advance(2000);
    await healthy.tick();
    assert.equal(await healthy.runDue(), 1);
    assert.deepEqual(ranOn, ['healthy']);

    // The old worker finishing late must not disturb the queue.
    release.resolve();
    await hung;
    assert.deepEqual(ranOn, ['healthy', 'stuck']);
    const stats = (await healthy.stats())[0]!;
    assert.deepEqual([stats.waiting, stats.running, stats.dead], [0, 0, 0]);
    assert.ok(w.logs.some((line) => line.includes('ran twice')));
  });

  test('a running job keeps its lock while its worker is alive', async (t) => {
    const w = await startTestWoolly(t, kind);
    const worker = jobsFor(w, { lockMs: 300, pollMs: 50 });
    const other = jobsFor(w, { lockMs: 300 });
    const release = deferred();
    let started = false;
    worker.register('long', async () => {
      started = true;
      await release.promise;
    });
    other.register('long', async () => assert.fail('taken over from a live worker'));
    await worker.enqueue('default', 'long', null);
    worker.start({ queues: ['default'], concurrency: 1 });
    await waitFor(() => started);
    const lockedUntil = async () =>
      Number(
        (await w.deps.db.get<{ locked_until: number }>('SELECT locked_until FROM jobs'))
          ?.locked_until,
      );
    const first = await lockedUntil();
    for (let i = 0; i < 3; i++) {
      w.clock.advance(250);
      const before = await lockedUntil();
      await waitFor(async () => (await lockedUntil()) > before);
      await other.tick();
      assert.equal(await other.runDue(), 0);
    }
    assert.ok((await lockedUntil()) > first + 700);
    release.resolve();
    await worker.stop();
  });

  test('a job that takes its worker down on every attempt ends in the dead set', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w, { lockMs: 1000 });
    const never = new Promise<void>(() => {});
    jobs.register('poison', () => never);
    await jobs.enqueue('default', 'poison', null, { maxAttempts: 2 });
    for (let attempt = 1; attempt <= 2; attempt++) {
      void jobs.runDue({ limit: 1 });
      await waitFor(async () => (await jobs.stats())[0]!.running === 1);
      w.clock.advance(1001);
      await jobs.tick();
    }
    const dead = await jobs.deadJobs();
    assert.equal(dead.length, 1);
    assert.match(dead[0]!.error, /lock expired/);
  });

  test('stop waits for running jobs to finish and takes no new ones', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w, { pollMs: 10 });
    const release = deferred();
    const done: string[] = [];
    jobs.register('work', async (payload) => {
      if (payload === 'slow') await release.promise;
      done.push(String(payload));
    });
    await jobs.enqueue('default', 'work', 'slow');
    jobs.start({ concurrency: 1 });
    await waitFor(async () => (await jobs.stats())[0]!.running === 1);
    let stopped = false;
    const stopping = jobs.stop().then(() => (stopped = true));
    await jobs.enqueue('default', 'work', 'late');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(stopped, false);
    release.resolve();
    await stopping;
    assert.deepEqual(done, ['slow']);
    const stats = (await jobs.stats())[0]!;
    assert.deepEqual([stats.waiting, stats.running], [1, 0]);
  });

  test('a job still running when stop gives up is handed back without losing an attempt', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    jobs.register('stuck', () => new Promise<void>(() => {}));
    await jobs.enqueue('default', 'stuck', null, { maxAttempts: 1 });
    jobs.start({ concurrency: 1 });
    await waitFor(async () => (await jobs.stats())[0]!.running === 1);
    await jobs.stop({ timeoutMs: 50 });
    const row = await w.deps.db.get<{ state: string; attempts: number; locked_by: unknown }>(
      'SELECT state, attempts, locked_by FROM jobs',
    );
    assert.deepEqual(
      { ...row, attempts: Number(row?.attempts) },
      {
        state: 'waiting',
        attempts: 0,
        locked_by: null,
      },
    );
  });

  test('two started processes run each of many jobs exactly once', async (t) => {
    const w = await startTestWoolly(t, kind);
    const counts = new Map<number, number>();
    const processes = [1, 2].map(() => {
      const jobs = jobsFor(w, { pollMs: 10 });
      jobs.register('count', async (payload) => {
        const n = Number(payload);
        counts.set(n, (counts.get(n) ?? 0) + 1);
      });
      jobs.start({ concurrency: 4 });
      return jobs;
    });
    const total = 200;
    await processes[0]!.enqueueMany(
      'ingress',
      'count',
      Array.from({ length: total / 2 }, (_, i) => i),
    );
    for (let i = total / 2; i < total; i++) await processes[1]!.enqueue('push', 'count', i);
    await waitFor(() => counts.size === total, 20_000);
    await Promise.all(processes.map((p) => p.stop()));
    assert.ok([...counts.values()].every((n) => n === 1));
  });
});
