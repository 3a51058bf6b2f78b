/**
 * Fedify passes delays and TTLs as `Temporal.Duration` (from its polyfill; Node 24 has no
 * Temporal yet, and Fedify's type declarations name a lib TypeScript does not ship, so they
 * arrive untyped). This is the one method Woolly needs from them.
 */
export interface DurationLike {
  total(options: { unit: 'millisecond' }): number;
}

/** The duration in whole milliseconds, never negative. */
export function durationMs(duration: DurationLike): number {
  return Math.max(0, Math.round(duration.total({ unit: 'millisecond' })));
}
