/**
 * The transactional outbox in the scaled-out shape (jobs on Redis): Redis cannot join a
 * database transaction, so an action's outbox job is a `job_outbox` row of that transaction,
 * relayed to Redis right after the commit; a row whose web process died before relaying it is
 * relayed by a worker's housekeeping, which then runs the job.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import { Queue } from 'bullmq';
import { createWoolly } from '../../src/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import { jobKeyPrefix } from '../../src/jobs/drivers.ts';
import { createTestDatabase, type DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { waitFor } from '../helpers/jobs.ts';
import { deleteKeys, testRedisUrl } from '../helpers/redis-jobs.ts';
import { forEachDatabase, inProcessRequests, testConfig } from '../helpers/woolly.ts';

/** A web process (no workers) on a fresh database and its own Redis keys. */
async function startWeb(t: TestContext, kind: DatabaseKind) {
  const db = await createTestDatabase(kind);
  const config = testConfig(db, {
    REDIS_URL: testRedisUrl,
    LOCAL_DOMAIN: `outbox-${randomUUID().slice(0, 8)}.test`,
  });
  const clock = new ManualClock(Date.UTC(2026, 10, 1, 12));
  const web = await createWoolly(config, {
    clock,
    log: memoryLogger('warn'),
    roles: { http: true, streaming: false, workers: false, scheduler: false },
  });
  const defaultQueue = new Queue('default', {
    connection: { url: testRedisUrl },
    prefix: jobKeyPrefix(config),
  });
  const closing: (() => Promise<void>)[] = [() => web.close({ timeoutMs: 0 })];
  t.after(async () => {
    for (const close of closing) await close();
    await defaultQueue.close();
    await deleteKeys(testRedisUrl, jobKeyPrefix(config));
    await db.drop();
  });
  return { web, config, clock, defaultQueue, closing };
}

forEachDatabase((kind) => {
  test('on Redis, an outbox job is relayed after its commit, or by a worker after a crash', async (t) => {
    const { web, config, clock, defaultQueue, closing } = await startWeb(t, kind);
    const alice = await makeUserWithToken(web.deps, { account: { username: 'alice' } });
    const post = (status: string) =>
      inProcessRequests(web, config.baseUrl)('/api/v1/statuses', {
        method: 'POST',
        token: alice.token,
        json: { status },
      });
    const outboxRows = async () =>
      (await web.deps.db.all<{ name: string }>('SELECT name FROM job_outbox ORDER BY name')).map(
        (r) => r.name,
      );
    const outboxJobsInRedis = async () =>
      (await defaultQueue.getJobs(['wait', 'prioritized', 'active', 'delayed', 'failed']))
        .map((job) => job.name)
        .filter((name) => name.startsWith('outbox.'));

    // The normal path: stored with the post, relayed to Redis once committed.
    assert.equal((await post('relayed at once')).status, 200);
    assert.deepEqual(await outboxRows(), []);
    assert.deepEqual(await outboxJobsInRedis(), ['outbox.status.created']);
    await defaultQueue.obliterate({ force: true });

    // The web process dies right after the commit: no listener relays the job (nor the job of
    // the post's feeds, notifications and search index, stored the same way).
    web.deps.events.emit = async () => {};
    assert.equal((await post('left behind')).status, 200);
    assert.deepEqual(await outboxRows(), ['outbox.status.created', 'reactions.status.created']);
    assert.deepEqual(await outboxJobsInRedis(), []);

    // A worker's housekeeping relays it, and the worker runs it.
    const worker = await createWoolly(config, {
      clock,
      log: memoryLogger('warn'),
      migrate: false,
      jobs: { pollMs: 20 },
      roles: { http: false, streaming: false, workers: { queues: ['default'] }, scheduler: false },
    });
    closing.unshift(() => worker.close({ timeoutMs: 1000 }));
    await worker.listen();
    await waitFor(async () => (await outboxRows()).length === 0);
    await waitFor(async () => (await outboxJobsInRedis()).length === 0);
  });
});
