/**
 * durationMs sums a Temporal.Duration's fields instead of asking the polyfill's `total()`:
 * these compare the two on the durations Fedify makes and on many random ones, both signs,
 * from nanoseconds to months of hours.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Temporal } from '@js-temporal/polyfill';
import { durationMs } from '../../src/federation/duration.ts';

const viaTotal = (d: Temporal.Duration) =>
  Math.max(0, Math.round(d.total({ unit: 'millisecond' })));

test('the durations Fedify passes, in milliseconds', () => {
  const cases: [Temporal.DurationLike, number][] = [
    [{ seconds: 0 }, 0],
    [{ minutes: 5 }, 300_000],
    [{ days: 1 }, 86_400_000],
    [{ hours: 168 }, 604_800_000],
    [{ milliseconds: 1234 }, 1234],
    [{ microseconds: 1499 }, 1],
    [{ microseconds: 1500 }, 2],
    [{ nanoseconds: 2_500_000_001 }, 2500],
    [{ seconds: 3, microseconds: 999_999, nanoseconds: 999 }, 4000],
    [{ hours: -1, minutes: -30 }, 0],
    [{ microseconds: -500 }, 0],
  ];
  for (const [fields, ms] of cases) {
    const duration = Temporal.Duration.from(fields);
    assert.equal(durationMs(duration), ms, duration.toString());
    assert.equal(viaTotal(duration), ms, duration.toString());
  }
  // What a retry delay is: the time until an instant (seconds down to nanoseconds).
  const now = Temporal.Now.instant();
  const until = now.until(now.add({ seconds: 90, microseconds: 123_456, nanoseconds: 789 }));
  assert.equal(durationMs(until), 90_123);
  assert.equal(durationMs(until.negated()), 0);
  // Rounded to hours and minutes, as Fedify's MemoryKvStore does with a TTL.
  const rounded = Temporal.Duration.from({ seconds: 7384 }).round({ largestUnit: 'hour' });
  assert.equal(rounded.hours, 2);
  assert.equal(durationMs(rounded), 7_384_000);
});

test('the same as total() on random durations of either sign', () => {
  let seed = 20261122;
  const random = () => (seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 2 ** 32;
  const upTo = (max: number) => Math.floor(random() * (max + 1));
  for (let i = 0; i < 20_000; i++) {
    const sign = random() < 0.3 ? -1 : 1;
    const fields = {
      days: random() < 0.5 ? 0 : upTo(400),
      hours: random() < 0.5 ? 0 : upTo(random() < 0.9 ? 23 : 10_000),
      minutes: upTo(random() < 0.9 ? 59 : 100_000),
      seconds: upTo(random() < 0.9 ? 59 : 10_000_000),
      milliseconds: upTo(random() < 0.9 ? 999 : 10_000_000),
      microseconds: upTo(random() < 0.9 ? 999 : 1_000_000_000),
      nanoseconds: upTo(random() < 0.9 ? 999 : 1_000_000_000_000),
    };
    const duration = Temporal.Duration.from(fields);
    const signed = sign < 0 ? duration.negated() : duration;
    assert.equal(durationMs(signed), viaTotal(signed), signed.toString());
    assert.equal(durationMs(duration), Math.round(duration.total({ unit: 'millisecond' })));
  }
});

test('weeks, months and years are refused, as Temporal refuses them without a date', () => {
  for (const fields of [{ weeks: 1 }, { months: 1 }, { years: 1 }, { weeks: -2, days: -1 }]) {
    assert.throws(() => durationMs(Temporal.Duration.from(fields)), RangeError);
  }
});
