import { describe, expect, it } from 'vitest';
import { scopeOf } from '../src/jurisdiction/scope.ts';
import { testPrincipal } from '../src/testing/test-principal.ts';

describe('scopeOf', () => {
  it('turns the region into the range of village codes it covers', () => {
    expect(scopeOf(testPrincipal({ level: 'town', region: '431003101' }), 'civil_affairs')).toMatchObject({ prefix: '431003101', low: '431003101000', high: '431003101999', org: null, none: false });
  });

  it("honours an org claim only in its own agency's subgraph", () => {
    const teacher = testPrincipal({ agency: 'education', level: 'town', region: '431003102', org: '431003101-P' });
    expect(scopeOf(teacher, 'education').org).toBe('431003101-P');
    expect(scopeOf(teacher, 'health').org).toBeNull();
    // A youth-league token naming a school gains nothing anywhere.
    const impostor = testPrincipal({ agency: 'youth_league', level: 'village', region: '110105001001', org: '431003101-P' });
    expect(scopeOf(impostor, 'education').org).toBeNull();
  });

  it('gives auditors no rows', () => {
    expect(scopeOf(testPrincipal({ agency: 'audit' }), 'police').none).toBe(true);
  });
});
