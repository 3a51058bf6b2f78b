/**
 * Fedify passes delays and TTLs as `Temporal.Duration` (from its polyfill; Node 24 has no
 * Temporal yet, and Fedify's type declarations name a lib TypeScript does not ship, so they
 * arrive untyped). Many cache writes carry one, and the polyfill's `total()` costs several
 * microseconds where reading the fields costs a fraction of one, so a duration is summed from
 * its fields. Temporal keeps those whole numbers of one sign, and a day without a starting
 * point is 24 hours, as `total()` counts it.
 */
export interface DurationLike {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
  readonly milliseconds: number;
  readonly microseconds: number;
  readonly nanoseconds: number;
  total(options: { unit: 'millisecond' }): number;
}

/**
 * The duration in whole milliseconds (half a millisecond rounds up), never negative.
 *
 * @example durationMs(Temporal.Duration.from({ minutes: 5 })) // 300000
 */
export function durationMs(duration: DurationLike): number {
  let ms: number;
  if (duration.years !== 0 || duration.months !== 0 || duration.weeks !== 0) {
    // Their length depends on the date they start from: Temporal refuses them without one
    // (a RangeError), and Fedify never passes them.
    ms = duration.total({ unit: 'millisecond' });
  } else {
    ms =
      duration.days * 86_400_000 +
      duration.hours * 3_600_000 +
      duration.minutes * 60_000 +
      duration.seconds * 1000 +
      duration.milliseconds +
      (duration.microseconds * 1000 + duration.nanoseconds) / 1e6;
  }
  return Math.max(0, Math.round(ms));
}
