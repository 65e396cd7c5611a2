import { apiSchemaFromSupergraph, codeOf, fieldOwners, inlineFragments, notFound, planAccess, type AccessContext, type Agency } from '@lbc/schema';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { failedLookups, identifierLookupsIn, LookupThrottle, lookupPrincipalKey } from '../src/limits/lookup-throttle.ts';

const MINUTE = 60_000;
const T0 = Date.UTC(2024, 8, 2, 2, 0);
const alice = lookupPrincipalKey({ issuer: 'https://idp.test', subject: 'alice' });
const bob = lookupPrincipalKey({ issuer: 'https://idp.test', subject: 'bob' });

/** The error check() throws, or undefined when it lets the lookup through. */
function refusal(throttle: LookupThrottle, key: string, now: number) {
  try {
    throttle.check(key, now);
    return undefined;
  } catch (error) {
    return error as { extensions: Record<string, unknown> };
  }
}

describe('LookupThrottle', () => {
  it('lets lookups through until the failures in the window reach the threshold, then refuses with RATE_LIMITED', () => {
    const throttle = new LookupThrottle({ maxFailures: 20, windowMs: 10 * MINUTE });
    for (let i = 0; i < 19; i++) {
      expect(refusal(throttle, alice, T0 + i * 1000)).toBeUndefined();
      throttle.recordFailures(alice, 1, T0 + i * 1000);
    }
    expect(refusal(throttle, alice, T0 + 19_000)).toBeUndefined();
    throttle.recordFailures(alice, 1, T0 + 19_000);
    const refused = refusal(throttle, alice, T0 + 20_000);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    // The first failure (at T0) leaves the window at T0 + 10 minutes: 9 min 40 s from now.
    expect(refused!.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 580, reason: 'FAILED_IDENTIFIER_LOOKUPS' });
    // Another principal is not affected.
    expect(refusal(throttle, bob, T0 + 20_000)).toBeUndefined();
  });

  it('slides: refused until the oldest failure leaves the window, and refusals themselves do not count', () => {
    const throttle = new LookupThrottle({ maxFailures: 3, windowMs: 10 * MINUTE });
    throttle.recordFailures(alice, 1, T0);
    throttle.recordFailures(alice, 2, T0 + 5 * MINUTE);
    for (let i = 0; i < 50; i++) expect(refusal(throttle, alice, T0 + 6 * MINUTE + i)).toBeDefined();
    expect(refusal(throttle, alice, T0 + 10 * MINUTE - 1)).toBeDefined();
    // The failure at T0 has left: two remain, under three.
    expect(refusal(throttle, alice, T0 + 10 * MINUTE)).toBeUndefined();
    expect(throttle.failuresOf(alice, T0 + 10 * MINUTE)).toBe(2);
    // One more miss and it is refused again, until the two at T0 + 5 min leave.
    throttle.recordFailures(alice, 1, T0 + 11 * MINUTE);
    expect(refusal(throttle, alice, T0 + 11 * MINUTE)!.extensions['retryAfterSeconds']).toBe(4 * 60);
    expect(refusal(throttle, alice, T0 + 15 * MINUTE)).toBeUndefined();
    expect(throttle.failuresOf(alice, T0 + 21 * MINUTE)).toBe(0);
  });

  it('counts a batch of failures at once (aliases in one request)', () => {
    const throttle = new LookupThrottle({ maxFailures: 20, windowMs: 10 * MINUTE });
    throttle.recordFailures(alice, 15, T0);
    expect(refusal(throttle, alice, T0)).toBeUndefined();
    throttle.recordFailures(alice, 500, T0 + 1);
    expect(throttle.failuresOf(alice, T0 + 1)).toBe(20);
    expect(codeOf(refusal(throttle, alice, T0 + 2))).toBe('RATE_LIMITED');
    throttle.recordFailures(alice, 0, T0 + 3);
    throttle.recordFailures(bob, -4, T0 + 3);
    expect(throttle.failuresOf(bob, T0 + 3)).toBe(0);
  });

  it('keeps bounded memory: principals whose failures left the window are dropped, and at most maxPrincipals are kept', () => {
    const throttle = new LookupThrottle({ maxFailures: 5, windowMs: MINUTE, maxPrincipals: 100 });
    for (let i = 0; i < 1000; i++) throttle.recordFailures(`p${i}`, 1, T0 + i);
    expect(throttle.size).toBe(100);
    // The most recent are kept, the stalest forgotten.
    expect(throttle.failuresOf('p999', T0 + 1000)).toBe(1);
    expect(throttle.failuresOf('p0', T0 + 1000)).toBe(0);
    // A minute later, one new failure sweeps away everyone whose failures left the window.
    throttle.recordFailures('late', 1, T0 + 2 * MINUTE);
    expect(throttle.size).toBe(1);
  });

  it('refuses nonsense options', () => {
    expect(() => new LookupThrottle({ maxFailures: 0 })).toThrow(RangeError);
    expect(() => new LookupThrottle({ windowMs: -1 })).toThrow(RangeError);
    expect(() => new LookupThrottle({ maxPrincipals: 1.5 })).toThrow(RangeError);
  });

  it('keys principals by issuer and subject together', () => {
    expect(lookupPrincipalKey({ issuer: 'a', subject: 'b|c' })).not.toBe(lookupPrincipalKey({ issuer: 'a|b', subject: 'c' }));
  });
});

describe('identifier lookups in a plan, and which of them failed', () => {
  const supergraph = readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');
  const api = apiSchemaFromSupergraph(supergraph);
  const owners = fieldOwners(supergraph);
  const as = (agency: Agency): AccessContext => ({ principal: { subject: 's', issuer: 'i', agency, level: 'county', region: '431003', roles: [] }, purpose: 'CASE_MANAGEMENT' });
  const plan = (query: string, agency: Agency) => planAccess(api, inlineFragments(parse(query), null), as(agency), owners);
  const QUERY = `{
    a: childByIdNumber(idNumber: "11010519491231002X") { id }
    b: healthRecordByNumber(number: "HR431003101000000001") { number }
    household(number: "431003101000001") { number }
    child(id: "LB000000007") { name }
  }`;

  it('lists the lookups the plan executes, not those it denies, nor other fields', () => {
    expect(identifierLookupsIn(plan(QUERY, 'police')).map((l) => l.path.join('.'))).toEqual(['a', 'b', 'household']);
    // Health reads household numbers masked: that lookup is denied, so never executed.
    expect(identifierLookupsIn(plan(QUERY, 'health')).map((l) => l.path.join('.'))).toEqual(['a', 'b']);
    expect(identifierLookupsIn(plan(QUERY, 'justice'))).toEqual([]);
  });

  it('counts NOT_FOUND answers at a lookup path, once each, and nothing else', () => {
    const lookups = identifierLookupsIn(plan(QUERY, 'police'));
    const miss = (path: string[]) => ({ path, extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' } });
    expect(failedLookups(lookups, undefined)).toBe(0);
    expect(failedLookups(lookups, [miss(['a']), miss(['household'])])).toBe(2);
    expect(failedLookups(lookups, [miss(['a']), miss(['a'])])).toBe(1);
    expect(
      failedLookups(lookups, [
        miss(['child']), // not a lookup by identifier
        { path: ['b'], extensions: { code: 'SUBGRAPH_UNAVAILABLE' } }, // an outage is no miss
        { path: ['b'], extensions: { code: 'NOT_FOUND' } }, // no reason: not the lookup's answer
        { extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' } }, // no path
      ]),
    ).toBe(0);
    // The real error objects the subgraphs throw carry the same extensions.
    const thrown = notFound('no child found within your jurisdiction', { reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' });
    expect(failedLookups(lookups, [{ path: ['a'], extensions: thrown.extensions }])).toBe(1);
  });
});
