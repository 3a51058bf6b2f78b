/**
 * A remote server delivers the same activity again (a retry after a timeout, out of order):
 * Fedify skips it by the mark it set when it processed it, which Woolly keeps in memory and
 * writes in batches (idempotence-marks.ts). To see the skip, the Like is undone in between:
 * processing the Like again would favourite the post again. The mark must hold in the
 * process that set it and, once Woolly has closed (which writes it), after a restart.
 */
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { createWoolly } from '../../src/app.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { memoryLogger } from '../../src/core/logger.ts';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { createTestDatabase, type TestDatabase } from '../helpers/databases.ts';
import {
  forEachDatabase,
  inProcessRequests,
  testConfig,
  type TestWoolly,
} from '../helpers/woolly.ts';
import { makeUserWithToken } from '../helpers/factories.ts';
import { posted } from '../helpers/statuses.ts';
import { fakeRemote, remoteActor, type FakeRemote } from './fake-remote.ts';

/** A Woolly on `db` reading the fake remote's documents (several may use one database). */
async function start(db: TestDatabase, remote: FakeRemote, clock: ManualClock) {
  const woolly = await createWoolly(testConfig(db), {
    clock,
    log: memoryLogger('warn'),
    federation: { documentLoader: remote.documentLoader },
  });
  const w: TestWoolly = Object.assign(woolly, {
    db,
    clock,
    logs: [],
    request: inProcessRequests(woolly),
  });
  return {
    w,
    /** Delivers `activity` to alice's inbox and runs what it queued. */
    async deliver(activity: unknown) {
      assert.equal((await remote.deliver(w, '/users/alice/inbox', activity)).status, 202);
      await (w.jobs as EmbeddedJobs).runDue({ queues: ['ingress', 'default'] });
    },
    /** Whether the remote actor favourites the post `uri`. */
    async favourited(uri: string): Promise<boolean> {
      const row = await w.deps.db.get<{ n: number }>(
        `SELECT COUNT(*) AS n FROM favourites f JOIN statuses s ON s.id = f.status_id
          JOIN accounts a ON a.id = f.account_id WHERE s.uri = ? AND a.uri = ?`,
        [uri, remoteActor],
      );
      return Number(row?.n) > 0;
    },
  };
}

async function setup(t: TestContext, kind: 'sqlite' | 'postgres') {
  const db = await createTestDatabase(kind);
  t.after(() => db.drop());
  return { db, remote: await fakeRemote(), clock: new ManualClock(Date.UTC(2026, 10, 1, 12)) };
}

forEachDatabase((kind) => {
  test('an activity delivered again is processed once, also after a restart', async (t) => {
    const { db, remote, clock } = await setup(t, kind);
    const context = 'https://www.w3.org/ns/activitystreams';
    const like = (id: string, object: string) => ({
      '@context': context,
      id: `${remoteActor}#likes/${id}`,
      type: 'Like',
      actor: remoteActor,
      object,
    });

    const first = await start(db, remote, clock);
    let post: string;
    try {
      const alice = await makeUserWithToken(first.w.deps, { account: { username: 'alice' } });
      post = (await posted(first.w, alice.token, { status: 'like me' })).uri;
      await first.deliver(like('1', post));
      assert.equal(await first.favourited(post), true);
      const undo = { '@context': context, id: `${remoteActor}#likes/1/undo`, type: 'Undo' };
      await first.deliver({ ...undo, actor: remoteActor, object: like('1', post) });
      assert.equal(await first.favourited(post), false);
      await first.deliver(like('1', post));
      assert.equal(await first.favourited(post), false, 'the Like was processed again');
    } finally {
      await first.w.close();
    }

    const second = await start(db, remote, clock);
    try {
      await second.deliver(like('1', post));
      assert.equal(await second.favourited(post), false, 'processed again after a restart');
      // A Like of another id is processed: the mark is what held.
      await second.deliver(like('2', post));
      assert.equal(await second.favourited(post), true);
    } finally {
      await second.w.close();
    }
  });
});
