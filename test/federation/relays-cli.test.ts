/** `woolly relays`: adding, listing and removing relays as an operator does. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddedJobs } from '../../src/jobs/embedded.ts';
import { cliDatabase, inspect, runWoolly } from '../helpers/cli.ts';
import { forEachDatabase } from '../helpers/woolly.ts';

forEachDatabase((kind) => {
  test('woolly relays add, list and remove', async (t) => {
    const db = await cliDatabase(t, kind);
    const added = await runWoolly(db, ['relays', 'add', 'https://relay.example/inbox']);
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, 'OK: https://relay.example/inbox pending (Follow queued)\n');
    const again = await runWoolly(db, ['relays', 'add', 'https://relay.example/inbox']);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /already been taken/);
    const bad = await runWoolly(db, ['relays', 'add', 'relay.example']);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /not a valid URL/);
    assert.deepEqual((await runWoolly(db, ['relays', 'list'])).lines, [
      'https://relay.example/inbox\tpending',
    ]);

    // The Follow waits in the queues for a running Woolly to deliver it.
    const woolly = await inspect(t, db);
    await (woolly.jobs as EmbeddedJobs).runDue({ queues: ['default'] });
    const queued = await woolly.deps.db.all<{ payload: string }>(
      "SELECT payload FROM jobs WHERE name = 'fedify.outbox'",
    );
    assert.deepEqual(
      queued.map((row) => {
        const { inbox, activity } = JSON.parse(row.payload) as {
          inbox: string;
          activity: { type: string };
        };
        return [activity.type, inbox];
      }),
      [['Follow', 'https://relay.example/inbox']],
    );

    const removed = await runWoolly(db, ['relays', 'remove', 'https://relay.example/inbox']);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal((await runWoolly(db, ['relays', 'list'])).stdout, '');
    const gone = await runWoolly(db, ['relays', 'remove', 'https://relay.example/inbox']);
    assert.equal(gone.code, 1);
    assert.match(gone.stderr, /Record not found/);
    assert.equal((await runWoolly(db, ['relays'])).code, 2);
  });
});
