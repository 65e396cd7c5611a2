import type { QualityRuleId } from '@lbc/schema';
import type { SyntheticChild, SyntheticParent } from './synthetic-child.ts';
import { addDays } from './world-days.ts';

/**
 * How each agency writes a child's facts down, wrong where the child carries a defect that
 * agency owns (quality-defects.ts). The projections write these, and the quality view
 * (quality-view.ts) reads the same functions, so what the check would find is what the
 * databases hold.
 */
const has = (c: SyntheticChild, rule: QualityRuleId) => c.defects.includes(rule);

/** Civil affairs: the birth date, a day late where the registry disagrees with the ID number. */
export function registryBirthDate(c: SyntheticChild): string {
  return has(c, 'ID_NUMBER_DISAGREES') ? addDays(c.birthDate, 1) : c.birthDate;
}

/**
 * Civil affairs: a parent as the registry records them. A parent the police hold in prison
 * (or missing, deceased) is recorded at home and able where that is the registry's defect.
 */
export function registryParent(c: SyntheticChild, role: 'FATHER' | 'MOTHER'): Pick<SyntheticParent, 'isAway' | 'workPlace' | 'unableReason'> {
  const p = role === 'FATHER' ? c.father : c.mother;
  const wronglyAble =
    (has(c, 'PARENT_IN_PRISON_AT_HOME') && p.policeStatus === 'SERVING_SENTENCE') ||
    (has(c, 'GUARDIAN_CAPACITY_DISAGREES') && !has(c, 'PARENT_IN_PRISON_AT_HOME') && (p.policeStatus === 'MISSING' || p.policeStatus === 'DECEASED'));
  return wronglyAble ? { isAway: false, workPlace: null, unableReason: null } : { isAway: p.isAway, workPlace: p.workPlace, unableReason: p.unableReason };
}

/** Civil affairs: the risk flags raised, without DISABILITY where the registry missed health's assessment. */
export function registryFlags(c: SyntheticChild): SyntheticChild['flags'] {
  return has(c, 'DISABILITY_FLAG_MISSING') ? { ...c.flags, disability: false } : c.flags;
}

/** Education: whether it holds the pupil at all (a school-age child it has no enrollment for is a defect). */
export function educationHolds(c: SyntheticChild): c is SyntheticChild & { school: NonNullable<SyntheticChild['school']> } {
  return c.school !== null && !has(c, 'SCHOOL_AGE_NOT_ENROLLED');
}

/**
 * Education: whether the pupil's enrollment is still current. A child who left to live with
 * the parents (exited JOINED_PARENTS) was transferred out of a school in its home county,
 * unless the school failed to; one at a school in another county went to school where the
 * parents work, and stays.
 */
export function enrollmentCurrent(c: SyntheticChild): boolean {
  if (!educationHolds(c)) return false;
  const leftHome = c.exitReason === 'JOINED_PARENTS' && c.school.villageCode.slice(0, 6) === c.countyCode;
  return !leftHome || has(c, 'JOINED_PARENTS_STILL_ENROLLED');
}

/**
 * Education: the left-behind flag (留守儿童标记) of the pupil's enrollments. It follows the
 * registry's status (an undiscovered child is flagged by the school on its own knowledge),
 * except where the school failed to set or clear it.
 */
export function enrollmentLeftBehind(c: SyntheticChild): boolean {
  if (has(c, 'SCHOOL_FLAG_MISSING')) return false;
  if (has(c, 'SCHOOL_FLAG_STALE')) return true;
  return c.status === 'ACTIVE';
}
