import { idNumberProblem } from '@lbc/schema';
import { beforeAll, describe, expect, it } from 'vitest';
import { AS_OF, generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from '../src/seed/world/index.ts';

/**
 * The synthetic world must be a world that could exist: every agency's projection is
 * drawn from it, so an impossible child (left behind before birth) is an impossible
 * record in four databases. Checked over 4,000 children.
 */
let world: SyntheticChild[];

beforeAll(async () => {
  const places = await loadPlaces(['431003', '210421']);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: 4000 }, (_, i) => generateChild(11, i, places, ids));
});

function violations(check: (c: SyntheticChild) => string | false): string[] {
  return world.flatMap((c) => {
    const problem = check(c);
    return problem ? [`${c.id}: ${problem}`] : [];
  });
}

describe('the synthetic world', () => {
  it('is deterministic: the same seed and index give the same child', async () => {
    const places = await loadPlaces(['431003', '210421']);
    const again = new IdNumberIssuer();
    const replay = Array.from({ length: 50 }, (_, i) => generateChild(11, i, places, again));
    expect(replay).toEqual(world.slice(0, 50));
  });

  it('gives valid, unique ID numbers that encode the birth date and sex', () => {
    const numbers = world.flatMap((c) => (c.idNumber ? [c.idNumber] : []));
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(violations((c) => c.idNumber !== null && idNumberProblem(c.idNumber) !== null && 'invalid ID number')).toEqual([]);
    expect(violations((c) => c.idNumber !== null && c.idNumber.slice(6, 14) !== c.birthDate.replaceAll('-', '') && 'birth date differs')).toEqual([]);
    expect(violations((c) => c.idNumber !== null && (Number(c.idNumber[16]) % 2 === 1) !== (c.sex === 'MALE') && 'sex digit differs')).toEqual([]);
    expect(violations((c) => (c.idNumber === null) !== (c.household === null) && 'ID number and household registration disagree')).toEqual([]);
  });

  it('never dates anything before birth or after the as-of date', () => {
    const dated = (c: SyntheticChild): [string, string][] => [
      ['left behind', c.leftBehindSince],
      ['registered', c.registeredOn],
      ...c.homeVisits.map((v): [string, string] => ['home visit', v.visitedOn]),
      ...(c.mandatoryReport ? [['mandatory report', c.mandatoryReport.reportedAt.slice(0, 10)] as [string, string]] : []),
      ...(c.missingReport ? [['missing report', c.missingReport.reportedAt.slice(0, 10)] as [string, string]] : []),
      ...(c.school?.dropout ? [['dropout', c.school.dropout.reportedOn] as [string, string]] : []),
      ...c.health.hospitalStays.map((h): [string, string] => ['hospital', h.admittedOn]),
      ...c.health.immunisations.map((i): [string, string] => ['immunisation', i.givenOn]),
    ];
    expect(
      violations(
        (c) =>
          dated(c)
            .find(([, d]) => d < c.birthDate || d > AS_OF)
            ?.join(' on ') ?? false,
      ),
    ).toEqual([]);
    expect(violations((c) => c.registeredOn < c.leftBehindSince && 'registered before being left behind')).toEqual([]);
  });

  it('keeps each agency’s facts consistent with the others', () => {
    expect(violations((c) => (c.school === null) !== c.ageYears < 6 && 'school age and enrollment disagree')).toEqual([]);
    expect(violations((c) => c.exitReason === 'PARENT_RETURNED' && c.father.isAway && c.mother.isAway && 'a parent returned but both are away')).toEqual([]);
    expect(violations((c) => c.mandatoryReport?.category === 'MISSING' && !c.missingReport && 'missing-child report absent')).toEqual([]);
    expect(violations((c) => c.category === 'BOTH_PARENTS_AWAY' && c.status === 'ACTIVE' && !(c.father.isAway && c.mother.isAway) && 'both-away child with a parent home')).toEqual([]);
    expect(violations((c) => c.flags.guardianMissing && c.guardian !== null && 'guardian missing yet appointed')).toEqual([]);
    expect(
      violations((c) => {
        const d = c.school?.dropout;
        if (!d) return false;
        const start = `${2024 - c.school!.grade + (c.school!.grade <= 6 ? 1 : 7)}-09-01`;
        return d.reportedOn < start && 'dropout reported before the child started at that school';
      }),
    ).toEqual([]);
  });

  it('produces each condition at a plausible rate', () => {
    const share = (pred: (c: SyntheticChild) => boolean, of: SyntheticChild[] = world) => of.filter(pred).length / of.length;
    const schoolAge = world.filter((c) => c.school);
    expect(share((c) => c.idNumber === null)).toBeGreaterThan(0.005);
    expect(share((c) => c.idNumber === null)).toBeLessThan(0.03);
    expect(share((c) => c.school!.dropout !== null, schoolAge)).toBeGreaterThan(0.01);
    expect(share((c) => c.school!.dropout !== null, schoolAge)).toBeLessThan(0.06);
    expect(share((c) => c.guardian === null)).toBeLessThan(0.1);
    expect(share((c) => c.category === 'BOTH_PARENTS_AWAY')).toBeGreaterThan(0.6);
  });
});
