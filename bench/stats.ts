/** Order statistics for timing samples (milliseconds). */

export interface Summary {
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly mean: number;
}

/** Nearest-rank percentile (`q` in [0, 1]) of unsorted samples; NaN when there are none. */
export function percentile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounded to 3 decimals (microseconds), so the JSON stays readable. */
export function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

export function summarize(samples: readonly number[]): Summary {
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  return {
    median: round(median(samples)),
    p95: round(percentile(samples, 0.95)),
    min: round(Math.min(...samples)),
    mean: round(mean),
  };
}
