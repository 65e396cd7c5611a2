/**
 * Token buckets by key (a client system): each holds up to `burst` tokens and refills at
 * `perMinute`. Memory is bounded: at `maxKeys` the least recently used bucket is dropped
 * (a dropped bucket comes back full, which only ever errs towards letting a caller in).
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes one token for `key`; returns 0 when granted, else the seconds until one is available. */
  take(key: string, now = Date.now()): number {
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    this.buckets.delete(key);
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.at) / 60_000) * this.perMinute);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) / this.perMinute) * 60;
  }
}
