import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IdGenerator, idAtTime, isId, timeOfId } from '../../src/core/ids.ts';

test('ids are numeric strings that sort by creation time and carry it', () => {
  let now = Date.UTC(2026, 0, 1);
  const ids = new IdGenerator(5, () => now);
  const a = ids.next();
  now += 1;
  const b = ids.next();
  assert.match(a, /^[0-9]+$/);
  assert.ok(BigInt(a) < BigInt(b));
  assert.equal(timeOfId(a), Date.UTC(2026, 0, 1));
  assert.ok(BigInt(idAtTime(now)) <= BigInt(b));
});

test('many ids in one millisecond stay unique and ordered, borrowing the next millisecond', () => {
  const ids = new IdGenerator(1, () => 1_700_000_000_000);
  const made = Array.from({ length: 5000 }, () => ids.next());
  assert.equal(new Set(made).size, made.length);
  for (let i = 1; i < made.length; i++) assert.ok(BigInt(made[i - 1]!) < BigInt(made[i]!));
});

test('two workers never make the same id in the same millisecond', () => {
  const a = new IdGenerator(1, () => 1_700_000_000_000);
  const b = new IdGenerator(2, () => 1_700_000_000_000);
  const all = [
    ...Array.from({ length: 500 }, () => a.next()),
    ...Array.from({ length: 500 }, () => b.next()),
  ];
  assert.equal(new Set(all).size, 1000);
});

test('isId accepts ids and refuses everything else', () => {
  assert.ok(isId('114412309823160320'));
  assert.ok(!isId('abc'));
  assert.ok(!isId('-1'));
  assert.ok(!isId('99999999999999999999'));
});
