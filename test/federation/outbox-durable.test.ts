/**
 * A local action never waits for federation: its answer comes once the write and one queued
 * outbox job are stored (Fedify is not even loaded), and that job, run later by any worker of
 * the instance (here a second Woolly on the same database, as after a crash), queues the
 * activity for delivery.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createWoolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { Database } from '../../src/db/database.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { runOutboxJobs } from '../helpers/jobs.ts';
import { forEachDatabase } from '../helpers/woolly.ts';
import { createNote, fakeRemote, fixture, remoteActor } from './fake-remote.ts';
import { startFederatedWoolly } from './helpers.ts';

const hosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};

async function jobNames(db: Database): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    "SELECT name FROM jobs WHERE name LIKE 'outbox.%' OR name LIKE 'fedify.%' ORDER BY id",
  );
  return rows.map((r) => r.name);
}
async function deliveries(db: Database): Promise<{ type: string; id: string }[]> {
  const rows = await db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  return rows.map((row) => {
    const { activity } = JSON.parse(row.payload) as { activity: { type: string; id: string } };
    return { type: activity.type, id: activity.id };
  });
}

forEachDatabase((kind) => {
  test('a post answers before federation, and its queued job survives the process', async (t) => {
    const remote = await fakeRemote();
    const federation = { documentLoader: remote.documentLoader };
    const w = await startFederatedWoolly(t, kind, { woolly: { federation } });
    const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
    // The remote account follows alice; Fedify is loaded for its inbox, then a fresh Woolly
    // on the same database stands for the process that answers the post.
    assert.equal((await remote.deliver(w, '/inbox', fixture('follow.json', hosts))).status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
    await w.deps.db.run("DELETE FROM jobs WHERE name LIKE 'fedify.%'");

    const answering = await createWoolly(w.config, {
      clock: w.clock,
      log: memoryLogger('warn'),
      migrate: false,
      federation,
    });
    const res = await answering.http.request(`${w.config.baseUrl}/api/v1/statuses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'durably federated' }),
    });
    assert.equal(res.status, 200);
    const status = (await res.json()) as { id: string; uri: string };
    // The answer waited for one stored job, not for Fedify (never loaded in that process).
    assert.deepEqual(await jobNames(w.deps.db), ['outbox.status.created']);
    assert.throws(() => answering.federation, /not loaded/);
    // That process goes away without running it.
    await answering.close({ timeoutMs: 0 });

    // Any other worker of the instance runs it: the Create is queued for delivery.
    assert.equal(await runOutboxJobs(w), 1);
    assert.deepEqual(await deliveries(w.deps.db), [
      { type: 'Create', id: `${status.uri}/activity` },
    ]);
    assert.deepEqual(await jobNames(w.deps.db), ['fedify.outbox']);
  });

  test('a remote post stores its feeds, notifications and search job with it, and no outbox job', async (t) => {
    const remote = await fakeRemote();
    const w = await startFederatedWoolly(t, kind, {
      woolly: { federation: { documentLoader: remote.documentLoader } },
    });
    const note = createNote(remoteActor, 'durable-1', '<p>from afar</p>');
    assert.equal((await remote.deliver(w, '/inbox', note)).status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress'] });
    const waiting = await w.deps.db.all<{ name: string }>(
      "SELECT name FROM jobs WHERE queue = 'default' ORDER BY id",
    );
    assert.deepEqual(
      waiting.map((r) => r.name),
      ['reactions.status.created'],
    );
  });
});
