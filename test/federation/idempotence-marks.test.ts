/**
 * The marks Fedify sets for each processed inbound activity are kept in memory and written in
 * batches (idempotence-marks.ts). These tests hold the promises made for it on both databases:
 * a kept mark is read by its own store at once, another store (another process) sees it once
 * written, which happens when a batch is full, after the delay or on close; a mark deleted
 * before it was written is never written; other keys are written as they are set.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { Temporal } from '@js-temporal/polyfill';
import type { KvKey } from '@fedify/fedify';
import type { IdempotenceMarksOptions } from '../../src/federation/idempotence-marks.ts';
import { DatabaseKvStore } from '../../src/federation/kv-store.ts';
import { forEachDatabase, startTestWoolly } from '../helpers/woolly.ts';

const day = Temporal.Duration.from({ days: 1 });
const mark = (n: number): KvKey => [
  '_fedify',
  'activityIdempotence',
  'https://woolly.test',
  `https://remote.test/activities/${n}`,
];

async function stores(t: TestContext, kind: 'sqlite' | 'postgres', marks: IdempotenceMarksOptions) {
  const w = await startTestWoolly(t, kind);
  const kv = new DatabaseKvStore(w.deps.db, w.clock, { marks });
  // What another process on the same database reads.
  const other = new DatabaseKvStore(w.deps.db, w.clock);
  t.after(() => kv.close());
  return { w, kv, other };
}

forEachDatabase((kind) => {
  test('a mark is read at once by its store, by others once written on close', async (t) => {
    const { w, kv, other } = await stores(t, kind, { delayMs: 60_000 });
    await kv.set(mark(1), true, { ttl: day });
    assert.equal(await kv.get(mark(1)), true);
    assert.equal(await other.get(mark(1)), undefined);
    // Other keys are written as they are set.
    await kv.set(['_fedify', 'publicKey', 'https://remote.test/key'], { id: 'k' });
    assert.deepEqual(await other.get(['_fedify', 'publicKey', 'https://remote.test/key']), {
      id: 'k',
    });

    await kv.close();
    assert.equal(await other.get(mark(1)), true);
    // After close each mark is written as it is set.
    await kv.set(mark(2), true, { ttl: day });
    assert.equal(await other.get(mark(2)), true);
    // The TTL came along.
    w.clock.advance(24 * 3_600_000);
    assert.equal(await kv.get(mark(1)), undefined);
    assert.equal(await other.get(mark(1)), undefined);
  });

  test('a full batch is written at once, the rest after the delay', async (t) => {
    const { kv, other } = await stores(t, kind, { batch: 4, delayMs: 50 });
    for (const n of [1, 2, 3]) await kv.set(mark(n), true, { ttl: day });
    for (const n of [1, 2, 3]) assert.equal(await other.get(mark(n)), undefined);
    await kv.set(mark(4), true, { ttl: day });
    for (const n of [1, 2, 3, 4]) assert.equal(await other.get(mark(n)), true);

    await kv.set(mark(5), true, { ttl: day });
    assert.equal(await other.get(mark(5)), undefined);
    await sleep(300);
    assert.equal(await other.get(mark(5)), true);
  });

  test('a mark deleted before it was written stays deleted; cas and list see kept marks', async (t) => {
    const { kv, other } = await stores(t, kind, { delayMs: 60_000 });
    await kv.set(mark(1), true, { ttl: day });
    await kv.delete(mark(1));
    assert.equal(await kv.get(mark(1)), undefined);

    await kv.set(mark(2), true, { ttl: day });
    const listed: KvKey[] = [];
    for await (const entry of kv.list(['_fedify', 'activityIdempotence'])) listed.push(entry.key);
    assert.deepEqual(listed, [mark(2)]);

    await kv.set(mark(3), true, { ttl: day });
    assert.equal(await kv.cas(mark(3), true, undefined), true);
    assert.equal(await kv.get(mark(3)), undefined);

    await kv.close();
    assert.equal(await other.get(mark(1)), undefined);
    assert.equal(await other.get(mark(2)), true);
    assert.equal(await other.get(mark(3)), undefined);
  });
});
