/**
 * The `p`th percentile (0–100) of `sorted` (ascending), nearest rank below: the value at
 * ⌊p/100 · n⌋, the last at most. NaN for no values. Every benchmark reports by it.
 */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
