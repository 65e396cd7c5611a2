import type { Principal } from '@lbc/schema';
import { describe, expect, it } from 'vitest';
import { VerifiedTokens } from '../src/authorization/verified-tokens.ts';

const officer: Principal = { subject: 'o1', issuer: 'https://idp.mca.example', agency: 'civil_affairs', level: 'county', region: '431003', roles: [] };
const t0 = Date.UTC(2026, 0, 5, 8);

/** Remembered caller tokens: reused only unchanged, only while valid, and not for long. */
describe('verified tokens', () => {
  it('answers the exact token until its exp, then forgets it', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('a.b.c', officer, t0 / 1000 + 60, t0);
    expect(tokens.get('a.b.c', t0 + 59_000)).toBe(officer);
    expect(tokens.get('a.b.C', t0 + 1000)).toBeUndefined();
    expect(tokens.get('a.b.c', t0 + 60_000)).toBeUndefined();
  });

  it('checks a long-lived token again after five minutes, and never keeps an expired one', () => {
    const tokens = new VerifiedTokens();
    tokens.remember('long', officer, t0 / 1000 + 8 * 3600, t0);
    expect(tokens.get('long', t0 + 299_000)).toBe(officer);
    expect(tokens.get('long', t0 + 300_000)).toBeUndefined();
    tokens.remember('stale', officer, t0 / 1000 - 1, t0);
    expect(tokens.get('stale', t0)).toBeUndefined();
  });

  it('holds a bounded number, dropping the oldest first', () => {
    const tokens = new VerifiedTokens(2);
    for (const token of ['t1', 't2', 't3']) tokens.remember(token, officer, t0 / 1000 + 60, t0);
    expect(tokens.get('t1', t0)).toBeUndefined();
    expect(tokens.get('t2', t0)).toBe(officer);
    expect(tokens.get('t3', t0)).toBe(officer);
  });
});
