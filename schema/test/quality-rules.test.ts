import { describe, expect, it } from 'vitest';
import { DISCOVERY_RULES, discoveryFor, QUALITY_RULES, violatedRules, type ChildFacts, type EducationFacts, type PoliceFacts, type QualityContext, type RegistryFacts } from '../src/index.ts';

const TODAY = '2024-10-01';
const CONTEXT: QualityContext = { today: TODAY, pendingDays: 60 };
const VILLAGE = '431003101001';

const registry = (overrides: Partial<RegistryFacts> = {}): RegistryFacts => ({
  childId: 'LB1',
  status: 'ACTIVE',
  exitReason: null,
  birthDate: '2014-05-01',
  sex: 'MALE',
  villageCode: VILLAGE,
  fatherAtHomeAndAble: false,
  motherAtHomeAndAble: false,
  parentUnableRecorded: false,
  disabilityFlag: false,
  ...overrides,
});
const education = (overrides: Partial<EducationFacts> = {}): EducationFacts => ({
  childId: 'LB1',
  schoolId: '431003101-P',
  schoolCode: '431003101001',
  leftBehindFlag: true,
  openDropoutReport: false,
  residenceKnown: true,
  ...overrides,
});
const police = (overrides: Partial<PoliceFacts> = {}): PoliceFacts => ({
  childId: 'LB1',
  idBirthDate: '2014-05-01',
  idSex: 'MALE',
  guardianCanAct: true,
  fatherServingSentence: false,
  motherServingSentence: false,
  unregisteredPendingSince: null,
  bothParentsElsewhere: true,
  householdCode: VILLAGE,
  residenceKnown: true,
  ...overrides,
});
const child = (facts: Omit<ChildFacts, 'childId'>): ChildFacts => ({ childId: 'LB1', ...facts });

/** A consistent child: registered, enrolled and flagged, both parents away, records agreeing. */
const CONSISTENT = child({ registry: registry(), education: education(), police: police(), health: { childId: 'LB1', disabilityAssessed: false, residenceKnown: true } });

/** For each rule: a child that violates it and a near twin that does not. */
const CASES: Record<string, { violates: ChildFacts; agrees: ChildFacts }> = {
  SCHOOL_FLAG_MISSING: { violates: { ...CONSISTENT, education: education({ leftBehindFlag: false }) }, agrees: CONSISTENT },
  SCHOOL_FLAG_STALE: {
    violates: { ...CONSISTENT, registry: registry({ status: 'EXITED', exitReason: 'PARENT_RETURNED' }) },
    agrees: { ...CONSISTENT, registry: registry({ status: 'EXITED', exitReason: 'PARENT_RETURNED' }), education: education({ leftBehindFlag: false }) },
  },
  JOINED_PARENTS_STILL_ENROLLED: {
    violates: { ...CONSISTENT, registry: registry({ status: 'EXITED', exitReason: 'JOINED_PARENTS' }), education: education({ leftBehindFlag: false }) },
    // Enrolled in the city the parents work in: the file followed the child.
    agrees: { ...CONSISTENT, registry: registry({ status: 'EXITED', exitReason: 'JOINED_PARENTS' }), education: education({ leftBehindFlag: false, schoolCode: '440106001001' }) },
  },
  GUARDIAN_CAPACITY_DISAGREES: {
    violates: { ...CONSISTENT, police: police({ guardianCanAct: false }) },
    agrees: { ...CONSISTENT, police: police({ guardianCanAct: false }), registry: registry({ parentUnableRecorded: true }) },
  },
  PARENT_IN_PRISON_AT_HOME: {
    violates: { ...CONSISTENT, police: police({ motherServingSentence: true }), registry: registry({ motherAtHomeAndAble: true }) },
    agrees: { ...CONSISTENT, police: police({ motherServingSentence: true }), registry: registry({ parentUnableRecorded: true }) },
  },
  UNREGISTERED_PENDING_TOO_LONG: {
    violates: { ...CONSISTENT, police: police({ idBirthDate: null, idSex: null, unregisteredPendingSince: '2024-07-01' }) },
    agrees: { ...CONSISTENT, police: police({ idBirthDate: null, idSex: null, unregisteredPendingSince: '2024-08-15' }) },
  },
  DISABILITY_FLAG_MISSING: {
    violates: { ...CONSISTENT, health: { childId: 'LB1', disabilityAssessed: true, residenceKnown: true } },
    agrees: { ...CONSISTENT, health: { childId: 'LB1', disabilityAssessed: true, residenceKnown: true }, registry: registry({ disabilityFlag: true }) },
  },
  ACTIVE_AT_SIXTEEN: {
    violates: { ...CONSISTENT, registry: registry({ birthDate: '2008-10-01' }), police: police({ idBirthDate: '2008-10-01' }) },
    agrees: { ...CONSISTENT, registry: registry({ birthDate: '2008-10-02' }), police: police({ idBirthDate: '2008-10-02' }) },
  },
  ID_NUMBER_DISAGREES: {
    violates: { ...CONSISTENT, police: police({ idSex: 'FEMALE' }) },
    agrees: { ...CONSISTENT, police: police({ idBirthDate: null, idSex: null }) },
  },
  SCHOOL_AGE_NOT_ENROLLED: {
    violates: { ...CONSISTENT, education: undefined },
    agrees: { ...CONSISTENT, education: education({ schoolId: null, schoolCode: null, leftBehindFlag: false, openDropoutReport: true }) },
  },
};

describe('data-quality rules', () => {
  it('a consistent child violates none', () => {
    expect(violatedRules(CONSISTENT, CONTEXT)).toEqual([]);
  });

  it('every rule has its cases here, and ids are unique', () => {
    expect(Object.keys(CASES).sort()).toEqual(QUALITY_RULES.map((r) => r.id).sort());
    expect(new Set(QUALITY_RULES.map((r) => r.id)).size).toBe(QUALITY_RULES.length);
  });

  for (const rule of QUALITY_RULES) {
    it(`${rule.id}: owned by ${rule.owner}, one of the agencies it compares`, () => {
      expect(rule.agencies).toContain(rule.owner);
      expect(violatedRules(CASES[rule.id]!.violates, CONTEXT)).toEqual([rule.id]);
      expect(violatedRules(CASES[rule.id]!.agrees, CONTEXT)).toEqual([]);
    });
  }

  it('school age is six by 31 August of the school year under way', () => {
    const atAge = (birthDate: string) => ({ ...CONSISTENT, registry: registry({ birthDate }), police: police({ idBirthDate: birthDate }), education: undefined });
    // On 2024-10-01 the school year began on 1 September: six by 31 August is of school age, six in September is not yet.
    expect(violatedRules(atAge('2018-08-31'), CONTEXT)).toEqual(['SCHOOL_AGE_NOT_ENROLLED']);
    expect(violatedRules(atAge('2018-09-01'), CONTEXT)).toEqual([]);
    // In June the school year is the one that began the September before.
    expect(violatedRules(atAge('2017-08-31'), { ...CONTEXT, today: '2024-06-01' })).toEqual(['SCHOOL_AGE_NOT_ENROLLED']);
    expect(violatedRules(atAge('2017-09-01'), { ...CONTEXT, today: '2024-06-01' })).toEqual([]);
  });
});

describe('discovery rules', () => {
  const unknownPupil = child({ education: education({ residenceKnown: false }) });
  const parentsAway = child({ police: police({ residenceKnown: false }) });

  it('a flagged pupil the registry does not hold is discovered at its school', () => {
    expect(discoveryFor(unknownPupil)).toMatchObject({ rule: { id: 'SCHOOL_FLAGS_LEFT_BEHIND', source: 'education' }, villageCode: '431003101001' });
    expect(discoveryFor({ ...unknownPupil, education: education({ residenceKnown: false, leftBehindFlag: false }) })).toBeUndefined();
  });

  it('a child with both parents away the registry does not hold is discovered at its household', () => {
    expect(discoveryFor(parentsAway)).toMatchObject({ rule: { id: 'BOTH_PARENTS_ELSEWHERE', source: 'police' }, villageCode: VILLAGE });
    expect(discoveryFor(child({ police: police({ residenceKnown: false, bothParentsElsewhere: false }) }))).toBeUndefined();
  });

  it('a child the registry holds is never discovered, whatever the others say', () => {
    expect(discoveryFor(CONSISTENT)).toBeUndefined();
    expect(DISCOVERY_RULES.map((r) => r.id)).toEqual(['SCHOOL_FLAGS_LEFT_BEHIND', 'BOTH_PARENTS_ELSEWHERE']);
  });
});
