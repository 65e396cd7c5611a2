/**
 * A small seeded PRNG (mulberry32). Each child draws from its own stream, seeded by
 * (world seed, child index): child 12,345 is the same whether 10 or 1,000,000 are made.
 */
export class Random {
  #state: number;

  constructor(seed: number) {
    this.#state = seed >>> 0;
  }

  static forChild(worldSeed: number, index: number): Random {
    return new Random(Math.imul(worldSeed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 1, 0xc2b2ae35));
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A date between two ISO dates, inclusive, as YYYY-MM-DD. An empty range is a bug in the caller. */
  date(fromIso: string, toIso: string): string {
    if (fromIso > toIso) throw new RangeError(`empty date range ${fromIso}..${toIso}`);
    const from = Date.parse(fromIso);
    const to = Date.parse(toIso);
    return new Date(from + Math.floor(this.next() * ((to - from) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
  }
}
