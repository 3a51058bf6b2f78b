/** Small statistics for the benchmark printouts. */
import { loadavg } from 'node:os';

/** The value below which `p` percent of `sorted` (ascending) fall, nearest rank. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

export const fixed = (n: number, digits = 0): string => n.toFixed(digits);

/** The machine's load average (1, 5 and 15 minutes), for printing beside a figure. */
export const loadAverage = (digits = 2): string =>
  loadavg()
    .map((l) => fixed(l, digits))
    .join(' ');
