/**
 * Summary statistics for benchmark samples (pure functions).
 *
 * @module
 */

/** Sorted copy of the samples (ascending); rejects empty input and non-finite values. */
function sortedSamples(samples: readonly number[]): number[] {
  if (samples.length === 0) throw new RangeError("no samples");
  for (const v of samples) {
    if (!Number.isFinite(v)) throw new RangeError(`not a finite sample: ${v}`);
  }
  return [...samples].sort((a, b) => a - b);
}

/** The median: the middle sample, or the mean of the two middle ones for an even count. */
export function median(samples: readonly number[]): number {
  const s = sortedSamples(samples);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/**
 * The `p`-th percentile by the nearest-rank method: the smallest sample such
 * that at least `p` % of the samples are less than or equal to it
 * (`p` in (0, 100]). `percentile(xs, 90)` is the p90 of the benchmark table.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (!(p > 0 && p <= 100)) throw new RangeError(`percentile out of range: ${p}`);
  const s = sortedSamples(samples);
  return s[Math.ceil((p / 100) * s.length) - 1];
}

/** The largest sample. */
export function maximum(samples: readonly number[]): number {
  const s = sortedSamples(samples);
  return s[s.length - 1];
}

/** Median, p90 and maximum of one series. */
export interface Summary {
  median: number;
  p90: number;
  max: number;
}

/** Summarise one series of samples. */
export function summarize(samples: readonly number[]): Summary {
  return { median: median(samples), p90: percentile(samples, 90), max: maximum(samples) };
}
