/**
 * Delivery concurrency: the push queue's loops deliver to many servers at once, one server
 * never has more than its share of them (PUSH_CONCURRENCY / 5), and a server that takes the
 * connection and never answers delays nobody else; its deliveries wait without spending
 * attempts and go out once it answers again. A fan-out to ten or more inboxes stores its
 * activity once, not in every delivery job. The receiving servers are plain HTTP listeners
 * on loopback, reached through the test-only host map.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { test, type TestContext } from 'node:test';
import { parseEnvVars } from '../../src/config/load.ts';
import { HostSlots } from '../../src/federation/outbox/host-slots.ts';
import { JobPostponed } from '../../src/core/job-postponed.ts';
import { IdGenerator } from '../../src/core/ids.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { JobRuntime } from '../../src/core/queue.ts';
import { createEmbeddedJobs } from '../../src/jobs/embedded.ts';
import { workerLoops } from '../../src/jobs/queue-order.ts';
import { createRedisJobs } from '../../src/jobs/redis/driver.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { deferred, jobsFor, waitFor } from '../helpers/jobs.ts';
import { deleteKeys, redisJobsCluster, testRedisUrl } from '../helpers/redis-jobs.ts';
import { addRemoteFollower } from '../helpers/remote-followers.ts';
import { posted } from '../helpers/statuses.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';
import { startFederatedWoolly } from './helpers.ts';

/** An inbox server on loopback; `hang` keeps every request open until `answerAll`. */
async function inboxServer(t: TestContext, host: string) {
  const state = {
    host,
    port: 0,
    hang: false,
    /** Deliveries received (complete bodies), by path. */
    paths: [] as string[],
    inFlight: 0,
    maxInFlight: 0,
    held: [] as ServerResponse[],
  };
  const server = createServer((req, res) => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    req.resume();
    req.on('end', () => {
      state.paths.push(req.url ?? '');
      const answer = () => {
        state.inFlight -= 1;
        res.writeHead(202).end();
      };
      if (state.hang) state.held.push(Object.assign(res, { answer }));
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.port = (server.address() as { port: number }).port;
  const answerAll = () => {
    state.hang = false;
    for (const res of state.held.splice(0)) (res as ServerResponse & { answer(): void }).answer();
  };
  t.after(() => {
    answerAll();
    server.closeAllConnections();
    server.close();
  });
  return Object.assign(state, { answerAll });
}

forEachDatabase((kind) => {
  test('a server that never answers holds two delivery loops of ten and delays no other server', async (t) => {
    const dead = await inboxServer(t, 'dead.test');
    const alive = await Promise.all(
      ['a.test', 'b.test', 'c.test', 'd.test'].map((host) => inboxServer(t, host)),
    );
    dead.hang = true;
    const w = await startFederatedWoolly(t, kind, {
      env: {
        FEDERATION_TEST_HOSTS: [dead, ...alive].map((s) => `${s.host}=127.0.0.1:${s.port}`).join(),
        // A fifth of ten: two deliveries at once to one server.
        PUSH_CONCURRENCY: '10',
      },
    });
    const poster = await makeUserWithToken(w.deps, { account: { username: 'poster' } });
    // Six followers on the dead server, each with only a personal inbox: six deliveries.
    for (let i = 0; i < 6; i++) {
      await addRemoteFollower(w.deps, poster.account.id, {
        host: dead.host,
        username: `d${i}`,
        sharedInbox: false,
      });
    }
    for (const server of alive) {
      await addRemoteFollower(w.deps, poster.account.id, {
        host: server.host,
        username: 'someone',
      });
    }
    w.jobs.start({ queues: ['push'] });
    try {
      await posted(w, poster.token, { status: 'to everyone who follows me' });

      // Every live server gets the post while the dead one sits on two deliveries.
      await waitFor(() => alive.every((s) => s.paths.length === 1) && dead.inFlight === 2, 20_000);
      assert.deepEqual(
        alive.map((s) => s.paths),
        alive.map(() => ['/inbox']),
      );
      assert.equal(dead.maxInFlight, 2, 'never more than two at once to one server');
      // The live servers' deliveries are done; the dead one's other four wait in the queue,
      // their attempts not spent.
      await waitFor(async () => {
        const rows = await w.deps.db.all<{ state: string; attempts: number }>(
          "SELECT state, attempts FROM jobs WHERE name = 'fedify.outbox'",
        );
        const waiting = rows.filter((r) => r.state === 'waiting');
        return (
          rows.length === 6 &&
          waiting.length === 4 &&
          waiting.every((r) => Number(r.attempts) === 0)
        );
      });
      // Ten inboxes: the activity and keys are stored once, not in each delivery job, and
      // the six deliveries not yet done still need them.
      const jobs = await w.deps.db.all<{ payload: string }>(
        "SELECT payload FROM jobs WHERE name = 'fedify.outbox'",
      );
      assert.equal(jobs.length, 6);
      for (const { payload } of jobs) {
        assert.doesNotMatch(payload, /"activity"|privateKey|to everyone who follows me/);
        assert.match(payload, /"woollySharedPayload"/);
        assert.ok(payload.length < 1000, `a delivery job of ${payload.length} bytes`);
      }
      const sharedRows = await w.deps.db.all<{ remaining: number; body: string }>(
        'SELECT remaining, body FROM delivery_payloads',
      );
      assert.deepEqual(
        sharedRows.map((r) => Number(r.remaining)),
        [6],
      );
      assert.match(sharedRows[0]!.body, /to everyone who follows me/);

      // It answers again: everything it was owed arrives, still two at a time. Postponed
      // deliveries are due on the queue's (manual) clock, moved on while nothing is in flight.
      dead.answerAll();
      await waitFor(() => {
        if (dead.inFlight === 0) w.clock.advance(5_000);
        return dead.paths.length >= 6;
      }, 20_000);
      assert.deepEqual(
        [...dead.paths].sort(),
        [0, 1, 2, 3, 4, 5].map((i) => `/users/d${i}/inbox`),
      );
      assert.equal(dead.maxInFlight, 2);
      // The last delivery deleted the shared parts.
      await waitFor(
        async () => (await w.deps.db.all('SELECT id FROM delivery_payloads')).length === 0,
      );
    } finally {
      dead.answerAll();
    }
  });
});

/** What a job saw on each run: its attempt number, and whether it postponed itself. */
function postponingTwice(runs: number[]) {
  return async (_payload: unknown, job: { attempts: number }) => {
    runs.push(job.attempts);
    if (runs.length <= 2) throw new JobPostponed(0, 'not yet');
  };
}

forEachDatabase((kind) => {
  test('a postponed job runs again without spending an attempt (embedded queue)', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = jobsFor(w);
    const runs: number[] = [];
    jobs.register('deliver', postponingTwice(runs));
    await jobs.enqueue('push', 'deliver', null, { maxAttempts: 1 });
    assert.equal(await jobs.runDue(), 3);
    assert.deepEqual(runs, [1, 1, 1]);
    const stats = (await jobs.stats()).find((s) => s.queue === 'push')!;
    assert.deepEqual([stats.waiting, stats.running, stats.dead], [0, 0, 0]);
    assert.ok(!w.logs.some((line) => line.includes('will retry')), 'not logged as a failure');
  });
});

test('a postponed job runs again without spending an attempt (Redis queue)', async (t) => {
  const jobs = redisJobsCluster(t).runtime();
  const runs: number[] = [];
  jobs.register('deliver', postponingTwice(runs));
  await jobs.enqueue('push', 'deliver', null, { maxAttempts: 1 });
  jobs.start({ queues: ['push'], concurrency: 1 });
  await waitFor(() => runs.length === 3);
  assert.deepEqual(runs, [1, 1, 1]);
  await waitFor(async () => {
    const stats = (await jobs.stats()).find((s) => s.queue === 'push')!;
    return stats.waiting + stats.running + stats.scheduled + stats.dead === 0;
  });
});

/** Four deliveries and two local jobs held open: how many of each run at once. */
async function runningAtOnce(jobs: JobRuntime): Promise<{ push: number; local: number }> {
  const gate = deferred();
  const running = { push: 0, local: 0 };
  jobs.register('deliver', async () => {
    running.push += 1;
    await gate.promise;
  });
  jobs.register('local', async () => {
    running.local += 1;
    await gate.promise;
  });
  await jobs.enqueueMany('push', 'deliver', [1, 2, 3, 4]);
  await jobs.enqueueMany('default', 'local', [1, 2]);
  jobs.start({ queues: ['default', 'push'], concurrency: 1 });
  try {
    await waitFor(() => running.push === 4 && running.local === 1);
    return { ...running };
  } finally {
    gate.resolve();
  }
}

forEachDatabase((kind) => {
  test('push loops run beside the other queues’ loops (embedded queue)', async (t) => {
    const w = await startTestWoolly(t, kind);
    const jobs = createEmbeddedJobs({ ...w.deps, clock: w.clock, pushConcurrency: 4 });
    t.after(() => jobs.stop({ timeoutMs: 1000 }));
    assert.deepEqual(await runningAtOnce(jobs), { push: 4, local: 1 });
  });
});

test('push loops run beside the other queues’ loops (Redis queue)', async (t) => {
  const prefix = `woolly-test:${randomUUID()}`;
  const jobs = createRedisJobs({
    url: testRedisUrl,
    prefix,
    ids: new IdGenerator(1),
    log: memoryLogger('warn'),
    pollMs: 50,
    pushConcurrency: 4,
  });
  t.after(async () => {
    await jobs.stop({ timeoutMs: 1000 });
    await deleteKeys(testRedisUrl, prefix);
  });
  assert.deepEqual(await runningAtOnce(jobs), { push: 4, local: 1 });
});

test('host slots: a server past its limit is put back for longer each time, not failed', () => {
  const slots = new HostSlots(2, () => 0.5);
  const first = slots.take('srv.test');
  slots.take('srv.test');
  assert.equal(slots.running('srv.test'), 2);
  const delays: number[] = [];
  for (let i = 0; i < 6; i++) {
    try {
      slots.take('srv.test');
      assert.fail('a third delivery to one server must wait');
    } catch (error) {
      assert.ok(error instanceof JobPostponed);
      delays.push(error.delayMs);
    }
  }
  assert.deepEqual(delays, [200, 400, 400, 800, 800, 1600]);
  // Another server is not affected, and a freed slot is taken at once.
  slots.take('other.test')();
  first();
  first();
  assert.equal(slots.running('srv.test'), 1, 'releasing twice frees one slot');
  slots.take('srv.test');
  assert.equal(slots.running('srv.test'), 2);
});

test('push loops: deliveries get loops of their own, the other queues keep theirs', () => {
  assert.deepEqual(workerLoops(['default', 'push', 'pull'], 5, 25), {
    pushLoops: 25,
    otherQueues: ['default', 'pull'],
    otherLoops: 5,
  });
  assert.deepEqual(workerLoops(['push'], 5, 25), { pushLoops: 25, otherQueues: [], otherLoops: 0 });
  assert.deepEqual(workerLoops(['default', 'ingress'], 5, 25), {
    pushLoops: 0,
    otherQueues: ['default', 'ingress'],
    otherLoops: 5,
  });
  assert.deepEqual(workerLoops(['default', 'push'], undefined, 0), {
    pushLoops: 0,
    otherQueues: ['default', 'push'],
    otherLoops: 10,
  });
});

test('PUSH_CONCURRENCY: a whole number from 1 to 500, 50 when unset', () => {
  assert.equal(parseEnvVars({}).PUSH_CONCURRENCY, 50);
  assert.equal(parseEnvVars({ PUSH_CONCURRENCY: '8' }).PUSH_CONCURRENCY, 8);
  for (const [bad, reason] of [
    ['0', /PUSH_CONCURRENCY: expected a number above 0/],
    ['many', /PUSH_CONCURRENCY: expected a whole number/],
    ['501', /PUSH_CONCURRENCY: expected at most 500/],
  ] as const) {
    assert.throws(() => parseEnvVars({ PUSH_CONCURRENCY: bad }), reason);
  }
});
