import type { QualityRuleId } from '@lbc/schema';
import { AS_OF, PENDING_SINCE_FLOOR } from './world-days.ts';
import type { Places } from './places.ts';
import { quarterPlanOf } from './quarter-plan.ts';
import { Random } from './random.ts';
import type { SyntheticChild } from './synthetic-child.ts';

/** Children below this index are never undiscovered nor defective: tests and examples name the first ones. */
export const UNTOUCHED_BELOW = 50;
/** One child in each run of this many indices is unknown to the registry (0.5%): the first eligible of a few candidates. */
export const UNDISCOVERED_EVERY = 200;
const UNDISCOVERED_CANDIDATES = 4;
/** The share of a 2024-Q3 township's active children not yet reviewed where the township has not submitted or was sent back. */
export const UNREVIEWED_SHARE = 0.3;

/** Salts of the quality streams: apart from the child's own stream, so nothing else about any child changes. */
const QUALITY_SALT = 0x51ab1e;
const UNDISCOVERED_SALT = 0x0d15c0;

/**
 * One deliberate defect: the children it can be made in (those whose other facts make the
 * rule apply once the owner's fact is wrong), the share of them that carry it, and the
 * rules the same wrong record breaks too.
 */
interface Defect {
  rule: QualityRuleId;
  rate: number;
  eligible(c: SyntheticChild): boolean;
  /** Changes to the world itself (the police have not acted; the child is older); most defects are a projection's wrong record instead (as-recorded.ts). */
  apply?(c: SyntheticChild, r: Random): void;
  /** Other rules the wrong record also breaks, when they must. */
  alsoBreaks?(c: SyntheticChild): QualityRuleId[];
}

const prisoner = (c: SyntheticChild) => [c.father, c.mother].find((p) => p.policeStatus === 'SERVING_SENTENCE');
const otherParent = (c: SyntheticChild, p: SyntheticChild['father']) => (p === c.father ? c.mother : c.father);
const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Checked in this order; a child carries at most one defect (and what it implies). */
const DEFECTS: readonly Defect[] = [
  {
    // Civil affairs records the imprisoned parent at home and able; while active (the other parent away), the
    // same record leaves no parent unable where the police find none who can act.
    rule: 'PARENT_IN_PRISON_AT_HOME',
    rate: 0.3,
    eligible: (c) => prisoner(c) !== undefined,
    alsoBreaks: (c) => (c.status === 'ACTIVE' && otherParent(c, prisoner(c)!).isAway ? ['GUARDIAN_CAPACITY_DISAGREES'] : []),
  },
  {
    // The police have left a handed-over child unregistered since long before the allowed days.
    rule: 'UNREGISTERED_PENDING_TOO_LONG',
    rate: 0.3,
    eligible: (c) => c.status === 'ACTIVE' && c.unregistered?.status === 'PENDING' && c.registeredOn < PENDING_SINCE_FLOOR,
    apply: (c, r) => {
      c.unregistered!.reportedOn = r.date(c.registeredOn, dayBefore(PENDING_SINCE_FLOOR));
    },
  },
  // Civil affairs has no DISABILITY flag for a child health assessed.
  { rule: 'DISABILITY_FLAG_MISSING', rate: 0.1, eligible: (c) => c.status === 'ACTIVE' && c.flags.disability && c.health.disability !== null },
  {
    // Civil affairs records a missing or deceased parent as at home and able; the other parent is away, so the police find no guardian who can act.
    rule: 'GUARDIAN_CAPACITY_DISAGREES',
    rate: 0.025,
    eligible: (c) => c.status === 'ACTIVE' && [c.father, c.mother].some((p) => (p.policeStatus === 'MISSING' || p.policeStatus === 'DECEASED') && p.unableReason !== null && otherParent(c, p).isAway),
  },
  // Civil affairs records the birth date a day later than the ID number says.
  { rule: 'ID_NUMBER_DISAGREES', rate: 0.003, eligible: (c) => c.idNumber !== null && c.birthDate < AS_OF },
  // The school still flags a pupil whose parent came home.
  { rule: 'SCHOOL_FLAG_STALE', rate: 0.1, eligible: (c) => c.exitReason === 'PARENT_RETURNED' && c.school !== null },
  {
    // The school never transferred out a pupil who left to live with the parents.
    rule: 'JOINED_PARENTS_STILL_ENROLLED',
    rate: 0.12,
    eligible: (c) => c.exitReason === 'JOINED_PARENTS' && c.school !== null && c.school.villageCode.slice(0, 6) === c.countyCode,
  },
  // The school did not flag a left-behind pupil (the file did not follow).
  { rule: 'SCHOOL_FLAG_MISSING', rate: 0.005, eligible: (c) => c.status === 'ACTIVE' && c.school !== null },
  {
    // Education holds no enrollment for a school-age child (nor a dropout report); not one a school reported to the police.
    rule: 'SCHOOL_AGE_NOT_ENROLLED',
    rate: 0.005,
    eligible: (c) => c.status === 'ACTIVE' && c.school !== null && c.school.dropout === null && c.mandatoryReport?.reporterKind !== 'SCHOOL',
  },
];

/** The share of active 15-year-olds the registry keeps active past sixteen (ACTIVE_AT_SIXTEEN): born a year earlier. */
const AGED_OUT_RATE = 0.05;

/** A child's draws from the quality streams, made before the child is. */
export interface QualityDraws {
  /** The candidates of the child's run drawn before it, when the child is one: it is unknown to the registry if none of them can be. */
  earlierCandidates: number[] | null;
  ageOut: boolean;
  rolls: number[];
  unreviewed: boolean;
  stream: Random;
}

/** The quality draws of child `index`: always the same number, whatever the child turns out to be. */
export function drawQuality(seed: number, index: number): QualityDraws {
  const block = Math.floor(index / UNDISCOVERED_EVERY);
  const b = Random.forChild(seed ^ UNDISCOVERED_SALT, block);
  const first = block === 0 ? UNTOUCHED_BELOW : 0;
  const candidates: number[] = [];
  while (candidates.length < UNDISCOVERED_CANDIDATES) {
    const candidate = block * UNDISCOVERED_EVERY + first + b.int(0, UNDISCOVERED_EVERY - first - 1);
    if (!candidates.includes(candidate)) candidates.push(candidate);
  }
  const rank = candidates.indexOf(index);
  const stream = Random.forChild(seed ^ QUALITY_SALT, index);
  const ageOut = stream.chance(AGED_OUT_RATE);
  const rolls = DEFECTS.map(() => stream.next());
  const unreviewed = stream.chance(UNREVIEWED_SHARE);
  return { earlierCandidates: rank < 0 ? null : candidates.slice(0, rank), ageOut: ageOut && index >= UNTOUCHED_BELOW && rank < 0, rolls, unreviewed, stream };
}

/** Whether a child (as first drawn) may be the one kept active past sixteen: an active, registered 15-year-old. */
export function eligibleToAgeOut(c: SyntheticChild): boolean {
  return c.ageYears === 15 && c.status === 'ACTIVE' && c.unregistered === null;
}

/**
 * Whether the registry may not know a child, because another agency's record points to it
 * as left behind: the school flags it (an active pupil) or the police record both parents
 * living elsewhere (registered, both away). Not a child the registry must have reported
 * (unregistered) nor one of a police case (mandatory or missing report).
 */
export function eligibleUndiscovered(c: SyntheticChild): boolean {
  const pointedTo = c.school !== null || (c.father.isAway && c.mother.isAway && c.father.policeStatus === null && c.mother.policeStatus === null);
  return c.status === 'ACTIVE' && c.household !== null && c.unregistered === null && c.mandatoryReport === null && c.missingReport === null && pointedTo;
}

/**
 * Settles what the registry holds of a drawn child and which defects it carries, and drops
 * the 2024-Q3 review of a share of the active children of townships that have not submitted
 * or were sent back (their reviews are what is missing).
 */
export function settleQuality(c: SyntheticChild, draws: QualityDraws, places: Places, agedOut: boolean, undiscovered: boolean): SyntheticChild {
  if (c.index < UNTOUCHED_BELOW) return c;
  if (undiscovered) {
    // The registry holds nothing of it: no reviews, visits, aid or case.
    return { ...c, inRegistry: false, reviews: [], homeVisits: [], assistance: [], protectionCase: null };
  }
  if (agedOut) c.defects = ['ACTIVE_AT_SIXTEEN'];
  else {
    const defect = DEFECTS.find((d, i) => draws.rolls[i]! < d.rate && d.eligible(c));
    if (defect) {
      defect.apply?.(c, draws.stream);
      c.defects = [defect.rule, ...(defect.alsoBreaks?.(c) ?? [])];
    }
  }
  const q3 = quarterPlanOf(places, c.townCode, '2024-Q3').state;
  if (draws.unreviewed && c.status === 'ACTIVE' && (q3 === 'OPEN' || q3 === 'RETURNED')) c.reviews = c.reviews.filter((r) => r.quarter !== '2024-Q3');
  return c;
}
