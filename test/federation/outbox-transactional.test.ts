/**
 * The transactional outbox: an action's federation job is stored in the action's own
 * transaction, so a write that rolls back leaves no job, and a process that dies right after
 * the commit (before any listener of the action's events ran) still leaves the job for the
 * workers. A retried outbox job sends the activities it sent before, under the same ids.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createWoolly } from '../../src/app.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { DatabaseKind } from '../helpers/databases.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { runOutboxJobs } from '../helpers/jobs.ts';
import { forEachDatabase, inProcessRequests, type TestWoolly } from '../helpers/woolly.ts';
import { fakeRemote, fixture, remoteActor } from './fake-remote.ts';
import { startFederatedWoolly } from './helpers.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';

const hosts = {
  'http://mastodon.example.org/users/admin': remoteActor,
  'http://localtesting.pleroma.lol/users/lain': 'https://woolly.test/users/alice',
  'http://mastodon.example.org': 'https://masto.qa.urbanwildlife.biz',
};

interface Delivery {
  type: string;
  id: string;
}

/** The activities queued for delivery since the last call. */
async function takeDeliveries(w: TestWoolly): Promise<Delivery[]> {
  const rows = await w.deps.db.all<{ payload: string }>(
    "SELECT payload FROM jobs WHERE name = 'fedify.outbox' ORDER BY id",
  );
  await w.deps.db.run("DELETE FROM jobs WHERE name = 'fedify.outbox'");
  return rows.map((row) => {
    const { activity } = JSON.parse(row.payload) as { activity: Delivery };
    return { type: activity.type, id: activity.id };
  });
}

async function outboxJobs(w: TestWoolly): Promise<{ name: string; payload: string }[]> {
  return w.deps.db.all("SELECT name, payload FROM jobs WHERE name LIKE 'outbox.%' ORDER BY id");
}

/**
 * A Woolly that knows the fake remote account (it mentioned alice), with `send`: a request
 * that, unlike `w.request`, leaves the outbox jobs it causes waiting.
 */
async function setup(t: TestContext, kind: DatabaseKind) {
  const remote = await fakeRemote();
  const federation = { documentLoader: remote.documentLoader };
  const w = await startFederatedWoolly(t, kind, { woolly: { federation } });
  const alice = await makeUserWithToken(w.deps, { account: { username: 'alice' } });
  const mention = fixture('create-note-cw-mention.json', hosts);
  assert.equal((await remote.deliver(w, '/inbox', mention)).status, 202);
  await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
  await takeDeliveries(w);
  const found = await w.deps.db.get<{ id: string | number }>(
    'SELECT id FROM accounts WHERE uri = ?',
    [remoteActor],
  );
  const send = inProcessRequests(w, w.config.baseUrl);
  const act = (path: string) => send(path, { method: 'POST', token: alice.token, json: {} });
  return { w, remote, federation, alice, remoteId: String(found!.id), send, act };
}

/** Makes every INSERT into `blocks` fail, as a full disk or a lost connection would. */
async function failBlockInserts(w: TestWoolly): Promise<void> {
  if (w.deps.db.dialect === 'sqlite') {
    await w.deps.db.exec(
      "CREATE TRIGGER blocks_fail BEFORE INSERT ON blocks BEGIN SELECT RAISE(ABORT, 'disk full'); END",
    );
  } else {
    await w.deps.db.exec(`
      CREATE FUNCTION blocks_fail() RETURNS trigger LANGUAGE plpgsql
        AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$;
      CREATE TRIGGER blocks_fail BEFORE INSERT ON blocks
        FOR EACH ROW EXECUTE FUNCTION blocks_fail();`);
  }
}

forEachDatabase((kind) => {
  test('a block that rolls back leaves no outbox job and sends nothing', async (t) => {
    const { w, remoteId, act } = await setup(t, kind);
    assert.equal((await act(`/api/v1/accounts/${remoteId}/follow`)).status, 200);
    await runOutboxJobs(w);
    assert.deepEqual(
      (await takeDeliveries(w)).map((d) => d.type),
      ['Follow'],
    );

    // Blocking ends the follow request first (its Undo is recorded), then the block fails.
    await failBlockInserts(w);
    assert.equal((await act(`/api/v1/accounts/${remoteId}/block`)).status, 500);
    assert.deepEqual(await outboxJobs(w), []);
    assert.equal(await runOutboxJobs(w), 0);
    assert.deepEqual(await takeDeliveries(w), []);
    // The request is still there: nothing of the block was written.
    const request = await w.deps.db.get(
      'SELECT id FROM follow_requests WHERE target_account_id = ?',
      [remoteId],
    );
    assert.ok(request);
  });

  test('an action whose process dies right after the commit is still federated', async (t) => {
    const { w, remoteId, alice, federation } = await setup(t, kind);
    // The process that answers dies after the commit, before any listener hears the events.
    const dying = await createWoolly(w.config, {
      clock: w.clock,
      log: memoryLogger('warn'),
      migrate: false,
      federation,
    });
    dying.deps.events.emit = async () => {};
    const res = await inProcessRequests(dying, w.config.baseUrl)(
      `/api/v1/accounts/${remoteId}/block`,
      { method: 'POST', token: alice.token, json: {} },
    );
    assert.equal(res.status, 200);
    await dying.close({ timeoutMs: 0 });

    assert.deepEqual(
      (await outboxJobs(w)).map((j) => j.name),
      ['outbox.block.created'],
    );
    // Another worker of the instance runs the job: the Block is queued for delivery.
    assert.equal(await runOutboxJobs(w), 1);
    const [block] = await takeDeliveries(w);
    assert.equal(block?.type, 'Block');
  });

  test('a retried outbox job sends the same Accept, Reject, Undo(Follow), Block and Undo(Block)', async (t) => {
    const { w, remote, remoteId, alice, send, act } = await setup(t, kind);
    const locked = await send('/api/v1/accounts/update_credentials', {
      method: 'PATCH',
      token: alice.token,
      json: { locked: true },
    });
    assert.equal(locked.status, 200);
    await runOutboxJobs(w);
    await takeDeliveries(w);

    /** Runs the outbox jobs `action` stored, then the same jobs again (as after a crash). */
    const twice = async (action: () => Promise<Response>) => {
      assert.equal((await action()).status, 200);
      const jobs = await outboxJobs(w);
      assert.ok(jobs.length > 0);
      await runOutboxJobs(w);
      const first = await takeDeliveries(w);
      for (const job of jobs) await w.jobs.enqueue('default', job.name, JSON.parse(job.payload));
      await runOutboxJobs(w);
      const second = await takeDeliveries(w);
      assert.deepEqual(second, first);
      return first.map((d) => d.type);
    };

    // The remote account asks to follow alice, who accepts, then removes it from her followers.
    assert.equal((await remote.deliver(w, '/inbox', fixture('follow.json', hosts))).status, 202);
    await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress'] });
    assert.deepEqual(await twice(() => act(`/api/v1/follow_requests/${remoteId}/authorize`)), [
      'Accept',
    ]);
    assert.deepEqual(await twice(() => act(`/api/v1/accounts/${remoteId}/remove_from_followers`)), [
      'Reject',
    ]);

    // Alice asks to follow it, and withdraws; then blocks it, and unblocks.
    assert.equal((await act(`/api/v1/accounts/${remoteId}/follow`)).status, 200);
    await runOutboxJobs(w);
    await takeDeliveries(w);
    assert.deepEqual(await twice(() => act(`/api/v1/accounts/${remoteId}/unfollow`)), ['Undo']);
    assert.deepEqual(await twice(() => act(`/api/v1/accounts/${remoteId}/block`)), ['Block']);
    assert.deepEqual(await twice(() => act(`/api/v1/accounts/${remoteId}/unblock`)), ['Undo']);
  });
});
