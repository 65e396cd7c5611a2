import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/canonical-json.ts';

/** The definition: a sorted copy, then JSON.stringify. canonicalJson must write the same bytes, faster. */
function reference(value: unknown): string {
  const normalize = (v: unknown): unknown => {
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map((item) => (item === undefined ? null : normalize(item)));
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = Object.create(null);
      for (const key of Object.keys(v).sort()) {
        const member = (v as Record<string, unknown>)[key];
        if (member !== undefined) out[key] = normalize(member);
      }
      return out;
    }
    if (typeof v === 'number' && !Number.isFinite(v)) throw new RangeError('audit entries hold finite numbers only');
    return v;
  };
  return JSON.stringify(normalize(value));
}

/** A small seeded generator, so a failure names the case that broke. */
function random(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  const keys = ['a', 'b', 'z', 'A', '10', '9', '__proto__', '字段', 'childId', 'fields', '\uD800'];
  const value = (depth: number): unknown => {
    const kind = depth > 3 ? Math.floor(next() * 5) : Math.floor(next() * 9);
    switch (kind) {
      case 0:
        return pick(['', 'text', '身份证', '\u0000', '\uDC00', 'a"b\\c', '\n']);
      case 1:
        return pick([0, -0, 1.5, 1e21, -7, 2 ** 53]);
      case 2:
        return pick([true, false, null]);
      case 3:
        return undefined;
      case 4:
        return new Date(Date.UTC(2024, 8, 30, Math.floor(next() * 24)));
      case 5:
      case 6: {
        // Sorted or not, with or without undefined members, plain or without a prototype.
        const object: Record<string, unknown> = next() < 0.2 ? Object.create(null) : {};
        const chosen = [...new Set(Array.from({ length: Math.floor(next() * 4) }, () => pick(keys)))];
        if (next() < 0.5) chosen.sort();
        for (const key of chosen) Object.defineProperty(object, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
        return object;
      }
      default:
        return Array.from({ length: Math.floor(next() * 4) }, () => value(depth + 1));
    }
  };
  return () => value(0);
}

describe('canonicalJson', () => {
  it('writes exactly what the sorted copy writes, for every shape', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const value = random(seed)();
      expect(canonicalJson(value), `seed ${seed}`).toBe(reference(value));
    }
  });

  it('sorts keys at every depth, drops undefined members, writes dates as ISO strings, refuses non-finite numbers', () => {
    const at = new Date(Date.UTC(2024, 8, 30));
    expect(canonicalJson({ b: [{ y: 1, x: undefined }, undefined], a: at })).toBe('{"a":"2024-09-30T00:00:00.000Z","b":[{"y":1},null]}');
    // Index keys as a JavaScript object lists them (first, ascending as numbers): the form
    // every stored entry was hashed in.
    expect(canonicalJson({ b: 1, 10: 'ten', 9: 'nine', a: 2 })).toBe('{"9":"nine","10":"ten","a":2,"b":1}');
    expect(() => canonicalJson({ sorted: { a: Number.NaN } })).toThrow(RangeError);
    expect(() => canonicalJson([Infinity])).toThrow(RangeError);
  });
});
