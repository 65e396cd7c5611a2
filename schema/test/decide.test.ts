import { describe, expect, it } from 'vitest';
import {
  ADMIN_LEVELS,
  AGENCIES,
  BREAK_GLASS_MAX_AUTH_AGE_SECONDS,
  FIELD_CLASSES,
  PURPOSES,
  decide,
  mayWorkOnCase,
  parsePurpose,
  type AccessContext,
  type Agency,
  type AdminLevel,
  type Effect,
  type FieldClass,
  type Purpose,
  type RecordScope,
} from '../src/index.ts';

/**
 * The policy as the issue states it, written as tables rather than rules, and walked
 * over every class × agency × level × purpose. `decide` must agree with every cell.
 * Field owner in the walk: health (so IDENTIFIER/SENSITIVE have a non-caller owner for
 * most agencies).
 */
const OWNER: Agency = 'health';

/** County, town and village: principals who work on records. Purpose CASE_MANAGEMENT, no case. */
const RECORD_LEVEL_TABLE: Record<FieldClass, Record<Agency, Effect>> = {
  //             civil_affairs education police  health   justice  youth_league womens_federation audit
  AGGREGATE: row('allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'deny'),
  BASIC: row('allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'deny'),
  CONTACT: row('allow', 'allow', 'allow', 'allow', 'deny', 'deny', 'deny', 'deny'),
  IDENTIFIER: row('allow', 'mask', 'allow', 'allow', 'mask', 'mask', 'mask', 'deny'),
  PROTECTIVE: row('allow', 'allow', 'allow', 'allow', 'allow', 'deny', 'deny', 'deny'),
  SENSITIVE: row('deny', 'deny', 'deny', 'allow', 'deny', 'deny', 'deny', 'deny'),
  AUDIT: row('deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'deny', 'allow'),
  SELF: row('allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow', 'allow'),
};

/** City and province with purpose SUPERVISION: BASIC and PROTECTIVE, identifiers masked. */
const SUPERVISION_TABLE: Record<FieldClass, Effect> = { AGGREGATE: 'allow', BASIC: 'allow', CONTACT: 'deny', IDENTIFIER: 'mask', PROTECTIVE: 'allow', SENSITIVE: 'deny', AUDIT: 'deny', SELF: 'allow' };

function row(...effects: Effect[]): Record<Agency, Effect> {
  return Object.fromEntries(AGENCIES.map((agency, i) => [agency, effects[i]!])) as Record<Agency, Effect>;
}

function expected(fieldClass: FieldClass, agency: Agency, level: AdminLevel, purpose: Purpose): Effect {
  // The hub's own records: the same at every level and for every purpose.
  if (fieldClass === 'AUDIT' || fieldClass === 'SELF') return RECORD_LEVEL_TABLE[fieldClass][agency];
  if (agency === 'audit') return 'deny';
  if (purpose === 'STATISTICS' || !['county', 'town', 'village'].includes(level)) {
    if (fieldClass === 'AGGREGATE') return 'allow';
    return purpose === 'SUPERVISION' && !['county', 'town', 'village'].includes(level) ? SUPERVISION_TABLE[fieldClass] : 'deny';
  }
  return RECORD_LEVEL_TABLE[fieldClass][agency];
}

/** Decisions are taken at a fixed moment; the callers signed in a minute before it. */
const NOW = 1_730_000_000;

const REGION: Record<AdminLevel, string> = { province: '43', city: '4310', county: '431003', town: '431003101', village: '431003101201' };

function context(agency: Agency, level: AdminLevel, purpose: Purpose, extra: Partial<AccessContext> = {}): AccessContext {
  return { principal: { subject: 's', issuer: 'i', agency, level, region: REGION[level], roles: [], authenticatedAt: NOW - 60 }, purpose, now: NOW, ...extra };
}

describe('field policy matrix', () => {
  it(`agrees with the tables in all ${FIELD_CLASSES.length * AGENCIES.length * ADMIN_LEVELS.length * PURPOSES.length} cells`, () => {
    const disagreements: string[] = [];
    for (const fieldClass of FIELD_CLASSES)
      for (const agency of AGENCIES)
        for (const level of ADMIN_LEVELS)
          for (const purpose of PURPOSES) {
            const want = expected(fieldClass, agency, level, purpose);
            const got = decide(context(agency, level, purpose), fieldClass, [OWNER]);
            if (got.effect !== want) disagreements.push(`${fieldClass} ${agency} ${level} ${purpose}: expected ${want}, got ${got.effect} (${got.rule})`);
          }
    expect(disagreements).toEqual([]);
  });

  it('names the deciding rule', () => {
    expect(decide(context('audit', 'county', 'SUPERVISION'), 'BASIC', [OWNER]).rule).toBe('auditors-read-no-child-data');
    expect(decide(context('education', 'county', 'CASE_MANAGEMENT'), 'IDENTIFIER', [OWNER]).rule).toBe('identifier-masked-for-other-agencies');
    expect(decide(context('civil_affairs', 'city', 'CASE_MANAGEMENT'), 'BASIC', [OWNER]).rule).toBe('city-and-province-read-aggregates-only');
  });
});

describe('SENSITIVE fields beyond the owner agency', () => {
  const CHILD = 'LB000000007';
  const ofChild: RecordScope = { childId: CHILD, singleChild: true };
  const sensitive = (agency: Agency, purpose: Purpose, extra: Partial<AccessContext> = {}, record: RecordScope = ofChild) =>
    decide(context(agency, 'county', purpose, extra), 'SENSITIVE', [OWNER], record);
  const openCase = { case: { id: '42', childId: CHILD } };

  it('open to civil affairs and police for ASSESSMENT or EMERGENCY with a verified open case, and to no one else', () => {
    for (const agency of ['civil_affairs', 'police'] as const) {
      for (const purpose of ['ASSESSMENT', 'EMERGENCY'] as const) {
        expect(sensitive(agency, purpose, openCase)).toEqual({ effect: 'allow', rule: 'sensitive-with-open-case' });
      }
      expect(sensitive(agency, 'CASE_MANAGEMENT', openCase)).toEqual({ effect: 'deny', rule: 'sensitive-for-owner-or-open-case-only' });
      expect(sensitive(agency, 'ASSESSMENT')).toEqual({ effect: 'deny', rule: 'sensitive-for-owner-or-open-case-only' });
    }
    for (const agency of ['education', 'justice', 'youth_league', 'womens_federation', 'audit'] as const) {
      expect(sensitive(agency, 'ASSESSMENT', openCase).effect).toBe('deny');
    }
    // Cities and provinces read no records, case or not.
    expect(decide(context('police', 'city', 'ASSESSMENT', openCase), 'SENSITIVE', [OWNER], ofChild).effect).toBe('deny');
  });

  it('a case opens its own child only, and only once verified open', () => {
    expect(sensitive('police', 'ASSESSMENT', { case: { id: '42' } })).toEqual({ effect: 'deny', rule: 'case-not-open-or-not-found' });
    expect(sensitive('police', 'ASSESSMENT', openCase, { childId: 'LB000000008', singleChild: true })).toEqual({ effect: 'deny', rule: 'sensitive-case-is-for-another-child' });
    // A record whose child is unknown (a list, a hop from another child) is not the case's child.
    expect(sensitive('police', 'ASSESSMENT', openCase, {})).toEqual({ effect: 'deny', rule: 'sensitive-case-is-for-another-child' });
    expect(sensitive('civil_affairs', 'EMERGENCY', openCase, { childId: CHILD })).toEqual({ effect: 'allow', rule: 'sensitive-with-open-case' });
  });

  it('who may work on cases at all', () => {
    expect(mayWorkOnCase(context('police', 'town', 'EMERGENCY').principal, 'EMERGENCY')).toBe(true);
    expect(mayWorkOnCase(context('civil_affairs', 'village', 'ASSESSMENT').principal, 'ASSESSMENT')).toBe(true);
    expect(mayWorkOnCase(context('civil_affairs', 'county', 'CASE_MANAGEMENT').principal, 'CASE_MANAGEMENT')).toBe(false);
    expect(mayWorkOnCase(context('health', 'county', 'ASSESSMENT').principal, 'ASSESSMENT')).toBe(false);
    expect(mayWorkOnCase(context('police', 'city', 'ASSESSMENT').principal, 'ASSESSMENT')).toBe(false);
  });

  it('break-glass: police in an EMERGENCY with a written justification, one child looked up directly, recently signed in; flagged', () => {
    const justification = 'child reported alone at home since Friday, guardian unreachable';
    expect(sensitive('police', 'EMERGENCY', { justification })).toEqual({ effect: 'allow', rule: 'sensitive-break-glass', breakGlass: true });
    // The id need not be known (a lookup by ID number): one child, looked up directly, is enough.
    expect(sensitive('police', 'EMERGENCY', { justification }, { singleChild: true }).effect).toBe('allow');
    expect(sensitive('police', 'EMERGENCY', { justification: 'urgent' }).effect).toBe('deny');
    expect(sensitive('police', 'EMERGENCY', { justification: '               ' }).effect).toBe('deny');
    expect(sensitive('police', 'ASSESSMENT', { justification }).effect).toBe('deny');
    expect(sensitive('civil_affairs', 'EMERGENCY', { justification }).effect).toBe('deny');
    expect(decide(context('police', 'city', 'EMERGENCY', { justification }), 'SENSITIVE', [OWNER], ofChild).effect).toBe('deny');
  });

  it('break-glass is for one child: not a list, not a hop to another child', () => {
    const justification = 'child reported alone at home since Friday, guardian unreachable';
    expect(sensitive('police', 'EMERGENCY', { justification }, {})).toEqual({ effect: 'deny', rule: 'break-glass-for-one-child-looked-up-directly' });
    expect(sensitive('police', 'EMERGENCY', { justification }, { childId: CHILD, singleChild: false })).toEqual({ effect: 'deny', rule: 'break-glass-for-one-child-looked-up-directly' });
  });

  it('break-glass is time-boxed: the caller must have signed in within 15 minutes', () => {
    const justification = 'child reported alone at home since Friday, guardian unreachable';
    const signedIn = (secondsAgo: number | undefined): Partial<AccessContext> => ({
      justification,
      principal: { ...context('police', 'county', 'EMERGENCY').principal, ...(secondsAgo === undefined ? { authenticatedAt: undefined } : { authenticatedAt: NOW - secondsAgo }) },
    });
    expect(sensitive('police', 'EMERGENCY', signedIn(BREAK_GLASS_MAX_AUTH_AGE_SECONDS)).effect).toBe('allow');
    expect(sensitive('police', 'EMERGENCY', signedIn(BREAK_GLASS_MAX_AUTH_AGE_SECONDS + 1))).toEqual({ effect: 'deny', rule: 'break-glass-needs-sign-in-within-15-minutes' });
    expect(sensitive('police', 'EMERGENCY', signedIn(undefined))).toEqual({ effect: 'deny', rule: 'break-glass-needs-sign-in-within-15-minutes' });
  });

  it('a case that does not hold leaves break-glass to decide, when the caller attempted it', () => {
    const justification = 'child reported alone at home since Friday, guardian unreachable';
    expect(sensitive('police', 'EMERGENCY', { justification, case: { id: '42' } })).toEqual({ effect: 'allow', rule: 'sensitive-break-glass', breakGlass: true });
    expect(sensitive('police', 'EMERGENCY', { justification, case: { id: '42' } }, {}).rule).toBe('break-glass-for-one-child-looked-up-directly');
  });

  it('the owner agency reads its own sensitive fields, whichever subgraph owns them', () => {
    expect(decide(context('police', 'village', 'CASE_MANAGEMENT'), 'SENSITIVE', ['police']).effect).toBe('allow');
    expect(decide(context('education', 'town', 'DROPOUT_RETURN'), 'SENSITIVE', ['education']).effect).toBe('allow');
    expect(decide(context('education', 'town', 'DROPOUT_RETURN'), 'IDENTIFIER', ['education']).effect).toBe('allow');
  });
});

describe('purpose header', () => {
  it('is required and must be one of the seven purposes', () => {
    expect(parsePurpose('SUPERVISION')).toBe('SUPERVISION');
    expect(() => parsePurpose(undefined)).toThrow('a purpose is required (header x-lbc-purpose: one of CASE_MANAGEMENT, ASSESSMENT');
    expect(() => parsePurpose('supervision')).toThrow('unknown purpose "supervision"');
    expect(() => parsePurpose('CURIOSITY')).toThrow('expected one of');
  });
});
