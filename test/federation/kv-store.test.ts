import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from '@js-temporal/polyfill';
import type { KvKey } from '@fedify/fedify';
import { DatabaseKvStore } from '../../src/federation/kv-store.ts';
import { forEachDatabase, startTestWoolly, type TestWoolly } from '../helpers/woolly.ts';

async function store(t: Parameters<typeof startTestWoolly>[0], kind: 'sqlite' | 'postgres') {
  const w: TestWoolly = await startTestWoolly(t, kind);
  return { w, kv: new DatabaseKvStore(w.deps.db, w.clock) };
}

/** The listed entries, in a fixed order (KvStore promises none). */
async function listed(kv: DatabaseKvStore, prefix?: KvKey) {
  const out: [KvKey, unknown][] = [];
  for await (const entry of kv.list(prefix)) out.push([entry.key, entry.value]);
  return out.sort(([a], [b]) => a.join('\0').localeCompare(b.join('\0')));
}

forEachDatabase((kind) => {
  test('get, set and delete JSON values under array keys', async (t) => {
    const { kv } = await store(t, kind);
    assert.equal(await kv.get(['a']), undefined);
    await kv.set(['a'], { n: 1, list: [1, 'two', null], nested: { ok: true } });
    await kv.set(['a', 'b'], 'child');
    await kv.set(['é', '🦣'], 42);
    assert.deepEqual(await kv.get(['a']), { n: 1, list: [1, 'two', null], nested: { ok: true } });
    assert.equal(await kv.get(['a', 'b']), 'child');
    assert.equal(await kv.get(['é', '🦣']), 42);
    await kv.set(['a'], false);
    assert.equal(await kv.get(['a']), false);
    await kv.delete(['a']);
    assert.equal(await kv.get(['a']), undefined);
    assert.equal(await kv.get(['a', 'b']), 'child');
  });

  test('a value set with a TTL is gone once the TTL has passed', async (t) => {
    const { w, kv } = await store(t, kind);
    await kv.set(['k'], 'v', { ttl: Temporal.Duration.from({ minutes: 5 }) });
    await kv.set(['forever'], 'v');
    w.clock.advance(5 * 60_000 - 1);
    assert.equal(await kv.get(['k']), 'v');
    w.clock.advance(1);
    assert.equal(await kv.get(['k']), undefined);
    assert.deepEqual(await listed(kv), [[['forever'], 'v']]);
    assert.equal(await kv.deleteExpired(), 1);
    assert.equal(await kv.deleteExpired(), 0);
    // Setting again without a TTL makes it permanent.
    await kv.set(['k'], 'again', { ttl: Temporal.Duration.from({ seconds: 1 }) });
    await kv.set(['k'], 'again');
    w.clock.advance(3_600_000);
    assert.equal(await kv.get(['k']), 'again');
  });

  test('cas swaps only from the expected value; undefined means absent', async (t) => {
    const { w, kv } = await store(t, kind);
    assert.equal(await kv.cas(['c'], 'x', 'y'), false);
    assert.equal(await kv.get(['c']), undefined);
    assert.equal(await kv.cas(['c'], undefined, { state: 'open', n: [1] }), true);
    assert.equal(await kv.cas(['c'], undefined, 'again'), false);
    assert.equal(await kv.cas(['c'], { state: 'open', n: [2] }, 'closed'), false);
    assert.equal(await kv.cas(['c'], { n: [1], state: 'open' }, 'closed'), true);
    assert.equal(await kv.get(['c']), 'closed');
    // Swapping to undefined deletes (how Fedify consumes a nonce), once.
    await kv.set(['nonce', 'abc'], true);
    assert.equal(await kv.cas(['nonce', 'abc'], true, undefined), true);
    assert.equal(await kv.cas(['nonce', 'abc'], true, undefined), false);
    // An expired value counts as absent, and a TTL can come with the swap.
    await kv.set(['e'], 1, { ttl: Temporal.Duration.from({ seconds: 10 }) });
    w.clock.advance(10_000);
    assert.equal(await kv.cas(['e'], 1, 2), false);
    assert.equal(
      await kv.cas(['e'], undefined, 2, { ttl: Temporal.Duration.from({ seconds: 10 }) }),
      true,
    );
    w.clock.advance(10_000);
    assert.equal(await kv.get(['e']), undefined);
  });

  test('concurrent cas from the same value: exactly one wins', async (t) => {
    const { kv } = await store(t, kind);
    await kv.set(['counter'], 0);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => kv.cas(['counter'], 0, i + 1)),
    );
    assert.equal(results.filter(Boolean).length, 1);
    const fresh = await Promise.all(
      Array.from({ length: 10 }, (_, i) => kv.cas(['fresh'], undefined, i)),
    );
    assert.equal(fresh.filter(Boolean).length, 1);
  });

  test('list returns the prefix and its descendants only, across pages', async (t) => {
    const { kv } = await store(t, kind);
    await kv.set(['_fedify', 'circuit'], 'marker');
    await kv.set(['_fedify', 'circuit', 'a.example'], 1);
    await kv.set(['_fedify', 'circuit', 'b.example'], 2);
    await kv.set(['_fedify', 'circuitry'], 'not a child');
    await kv.set(['_fedify', 'publicKey', 'https://a.example/key'], 'k');
    await kv.set(['other'], 'x');
    assert.deepEqual(await listed(kv, ['_fedify', 'circuit']), [
      [['_fedify', 'circuit'], 'marker'],
      [['_fedify', 'circuit', 'a.example'], 1],
      [['_fedify', 'circuit', 'b.example'], 2],
    ]);
    assert.equal((await listed(kv, ['_fedify'])).length, 5);
    assert.equal((await listed(kv)).length, 6);

    for (let i = 0; i < 1203; i++) await kv.set(['many', String(i).padStart(4, '0')], i);
    const many = await listed(kv, ['many']);
    assert.equal(many.length, 1203);
    assert.equal(new Set(many.map(([key]) => key[1])).size, 1203);
  });
});

test('values are kept in process for ten seconds: another process’s change shows after that', async (t) => {
  const { w, kv } = await store(t, 'sqlite');
  const other = new DatabaseKvStore(w.deps.db, w.clock);
  await other.set(['key'], 1);
  assert.equal(await kv.get(['key']), 1);
  await other.set(['key'], 2);
  // Read from the database on its first read, then from memory.
  assert.equal(await kv.get(['key']), 1);
  await kv.set(['mine'], { a: 1 });
  const copy = await kv.get<{ a: number }>(['mine']);
  copy!.a = 2;
  assert.deepEqual(await kv.get(['mine']), { a: 1 }, 'each read gets its own copy');
  w.clock.advance(10_001);
  assert.equal(await kv.get(['key']), 2);
  await kv.delete(['key']);
  assert.equal(await kv.get(['key']), undefined);
  assert.equal(await kv.cas(['key'], undefined, 3), true);
  assert.equal(await kv.get(['key']), 3);
});
