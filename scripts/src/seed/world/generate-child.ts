import { previousQuarter, quarterBounds, quarterOf } from '@lbc/schema';
import { ETHNICITIES, WORK_PLACES, givenName, mobile, surname } from './names.ts';
import type { Places } from './places.ts';
import { Random } from './random.ts';
import type { IdNumberIssuer } from './id-number-issuer.ts';
import { drawQuality, eligibleToAgeOut, eligibleUndiscovered, settleQuality } from './quality-defects.ts';
import { addDays, AS_OF, PENDING_SINCE_FLOOR, SEED_DAY } from './world-days.ts';
import type { SyntheticChild, SyntheticParent } from './synthetic-child.ts';

const AS_OF_YEAR = 2024;

/**
 * Shares of each condition, chosen from the orders of magnitude in the seed texts and
 * national surveys: most children are simply left behind; a few percent are in each kind
 * of trouble the hub exists to catch.
 */
export const SHARES = {
  oneParentAwayOtherUnable: 0.28,
  exited: 0.07,
  unregistered: 0.015,
  noGuardian: 0.05,
  deFactoUnsupported: 0.03,
  guardianMissing: 0.02,
  disability: 0.02,
  familyHardship: 0.1,
  parentInPrison: 0.015,
  dropout: 0.025,
  movedSchool: 0.06,
  mandatoryReport: 0.012,
  missing: 0.002,
  malnutrition: 0.05,
  chronicIllness: 0.03,
  incompleteImmunisation: 0.06,
  mentalHighRisk: 0.05,
} as const;

const VACCINES: readonly [string, number][] = [
  ['HepB', 3],
  ['BCG', 1],
  ['IPV', 4],
  ['DTaP', 4],
  ['MMR', 2],
  ['JE', 2],
  ['MenA', 2],
  ['HepA', 1],
];
const CHRONIC: readonly [string, string][] = [
  ['哮喘', 'J45'],
  ['癫痫', 'G40'],
  ['先天性心脏病', 'Q24'],
  ['1型糖尿病', 'E10'],
  ['地中海贫血', 'D56'],
];

/** Issues ID numbers without keeping count: for a look at a child before it is made for good. */
const DRY_RUN_IDS: Pick<IdNumberIssuer, 'issue'> = { issue: () => '000000000000000000' };

/**
 * Builds child number `index` (0-based) of a world; deterministic in (seed, index, places).
 * The child's own draws come from its stream; whether the registry holds it and which
 * quality defects it carries come from a second stream (quality-defects.ts), so choosing
 * them changes no other fact of any child.
 */
export function generateChild(seed: number, index: number, places: Places, ids: IdNumberIssuer): SyntheticChild {
  const quality = drawQuality(seed, index);
  // A child kept active past sixteen is born a year earlier, ID number included: decided
  // before its number is issued, on a dry run of the same draws.
  const agedOut = quality.ageOut && eligibleToAgeOut(drawChild(seed, index, places, DRY_RUN_IDS, false));
  const child = drawChild(seed, index, places, ids, agedOut);
  // Of a run's candidates, the first that another agency's record can point to is the one the registry does not hold.
  const undiscovered =
    quality.earlierCandidates !== null && eligibleUndiscovered(child) && !quality.earlierCandidates.some((j) => eligibleUndiscovered(drawChild(seed, j, places, DRY_RUN_IDS, false)));
  return settleQuality(child, quality, places, agedOut, undiscovered);
}

function drawChild(seed: number, index: number, places: Places, ids: Pick<IdNumberIssuer, 'issue'>, agedOut: boolean): SyntheticChild {
  const r = Random.forChild(seed, index);
  const villageCode = places.villages[Math.floor(r.next() * places.villages.length)]!;
  const townCode = villageCode.slice(0, 9);
  const countyCode = villageCode.slice(0, 6);
  const sex = r.chance(0.52) ? 'MALE' : 'FEMALE';
  const drawnAge = r.int(0, 15);
  const drawnBirth = notTurningOnSeedDay(r.date(`${AS_OF_YEAR - drawnAge - 1}-10-01`, `${AS_OF_YEAR - drawnAge}-09-30`));
  const birthDate = agedOut ? `${Number(drawnBirth.slice(0, 4)) - 1}${drawnBirth.slice(4)}` : drawnBirth;
  const ageYears = agedOut ? drawnAge + 1 : drawnAge;
  const family = surname(r);
  const unregistered = r.chance(SHARES.unregistered);
  const idNumber = unregistered ? null : ids.issue(countyCode, birthDate, sex);
  const category = r.chance(SHARES.oneParentAwayOtherUnable) ? 'ONE_PARENT_AWAY_OTHER_UNABLE' : 'BOTH_PARENTS_AWAY';
  // Nothing happens to a child before it is born: every range below starts at birth or later.
  const leftBehindSince = r.date(laterOf(birthDate, '2016-01-01'), AS_OF);
  const exited = r.chance(SHARES.exited);
  const parentInPrison = r.chance(SHARES.parentInPrison);

  const parent = (role: 'FATHER' | 'MOTHER', away: boolean, unableReason: string | null): SyntheticParent => {
    const parentSex = role === 'FATHER' ? 'MALE' : 'FEMALE';
    const parentBirth = r.date(`${AS_OF_YEAR - ageYears - 40}-01-01`, `${AS_OF_YEAR - ageYears - 20}-12-31`);
    return {
      name: role === 'FATHER' ? family + givenName(r) : surname(r) + givenName(r),
      idNumber: ids.issue(countyCode, parentBirth, parentSex),
      isAway: away,
      workPlace: away ? r.pick(WORK_PLACES) : null,
      phone: mobile(r),
      unableReason,
      policeStatus: null,
    };
  };
  const fatherAway = category === 'BOTH_PARENTS_AWAY' || r.chance(0.7);
  const father = parent('FATHER', fatherAway, null);
  const mother = parent('MOTHER', category === 'BOTH_PARENTS_AWAY' || !fatherAway, null);
  const stayer = fatherAway ? mother : father;
  if (category === 'ONE_PARENT_AWAY_OTHER_UNABLE') {
    stayer.isAway = false;
    stayer.workPlace = null;
    if (parentInPrison) {
      stayer.unableReason = '服刑';
      stayer.policeStatus = 'SERVING_SENTENCE';
    } else {
      stayer.unableReason = r.pick(['重病', '重度残疾', '下落不明', '去世']);
      if (stayer.unableReason === '下落不明') stayer.policeStatus = 'MISSING';
      if (stayer.unableReason === '去世') stayer.policeStatus = 'DECEASED';
    }
  }

  const exitReason = exited ? (r.chance(0.6) ? ('JOINED_PARENTS' as const) : ('PARENT_RETURNED' as const)) : null;
  if (exitReason === 'PARENT_RETURNED') {
    // The returning parent is home again: that is why the child is no longer left behind.
    const returned = father.isAway ? father : mother;
    returned.isAway = false;
    returned.workPlace = null;
  }

  const flags = {
    deFactoUnsupported: r.chance(SHARES.deFactoUnsupported),
    guardianMissing: r.chance(SHARES.guardianMissing),
    disability: r.chance(SHARES.disability),
    familyHardship: r.chance(SHARES.familyHardship),
  };
  const guardian =
    r.chance(SHARES.noGuardian) || flags.guardianMissing
      ? null
      : {
          name: (r.chance(0.7) ? family : surname(r)) + givenName(r),
          relationship: r.pick(['GRANDPARENT', 'GRANDPARENT', 'GRANDPARENT', 'RELATIVE', 'NEIGHBOUR_OR_FRIEND', 'VILLAGE_COMMITTEE'] as const),
          capacity: r.pick(['ADEQUATE', 'ADEQUATE', 'ADEQUATE', 'LIMITED', 'INCAPABLE'] as const),
          phone: mobile(r),
          confirmationSignedOn: r.chance(0.85) ? r.date(leftBehindSince, AS_OF) : null,
        };

  const registeredOn = r.date(leftBehindSince, AS_OF);
  const homeVisits = Array.from({ length: r.int(0, 4) }, () => {
    const concernRaised = r.chance(0.1);
    return {
      visitedOn: r.date(registeredOn, AS_OF),
      concernRaised,
      findings: concernRaised ? r.pick(['监护人身体状况差', '孩子情绪低落', '家中无人', '居住条件差']) : r.chance(0.5) ? '情况正常' : null,
    };
  });
  const reviews = quartersSince(registeredOn)
    .slice(-4)
    .map((quarter, i, all) => ({
      quarter,
      reviewedOn: quarterBounds(quarter).end,
      stillLeftBehind: !(exited && i === all.length - 1),
      outcome: exited && i === all.length - 1 ? ('EXITED' as const) : r.chance(0.1) ? ('UPDATED' as const) : ('NO_CHANGE' as const),
    }));
  const assistance: SyntheticChild['assistance'] = [];
  if (flags.familyHardship || r.chance(0.04)) {
    const startedOn = r.date(registeredOn, AS_OF);
    assistance.push({ kind: 'MINIMUM_LIVING_ALLOWANCE', status: r.chance(0.85) ? 'GRANTED' : 'APPLIED', amountYuan: r.int(300, 700), startedOn, endedOn: null });
  }
  if (r.chance(0.03)) {
    const startedOn = r.date(registeredOn, AS_OF);
    assistance.push({ kind: 'TEMPORARY_AID', status: 'ENDED', amountYuan: r.int(500, 3000), startedOn, endedOn: startedOn });
  }

  const school = ageYears >= 6 ? makeSchool(r, ageYears, townCode, places, flags, idNumber, index) : null;
  const dropout = school?.dropout ?? null;
  const mandatoryReport = makeMandatoryReport(r, flags.deFactoUnsupported || flags.guardianMissing, birthDate);
  const missing = r.chance(SHARES.missing);
  const protectionCase: SyntheticChild['protectionCase'] =
    mandatoryReport || flags.deFactoUnsupported || dropout
      ? {
          kind: mandatoryReport?.category === 'SUSPECTED_VIOLENCE' ? 'SUSPECTED_ABUSE' : dropout ? 'DROPOUT' : flags.deFactoUnsupported ? 'NO_GUARDIAN' : 'NEGLECT',
          status: r.chance(0.6) ? 'OPEN' : 'CLOSED',
          openedOn: r.date(registeredOn, AS_OF),
          closedOn: null,
          summary: '乡镇会同民政、公安开展评估，制定帮扶方案',
        }
      : null;
  if (protectionCase?.status === 'CLOSED') protectionCase.closedOn = r.date(protectionCase.openedOn, AS_OF);

  return {
    index,
    inRegistry: true,
    defects: [],
    id: `LB${String(index + 1).padStart(9, '0')}`,
    idNumber,
    name: family + givenName(r),
    sex,
    birthDate,
    ageYears,
    ethnicity: r.pick(ETHNICITIES),
    villageCode,
    townCode,
    countyCode,
    category,
    leftBehindSince,
    status: exited ? 'EXITED' : 'ACTIVE',
    exitReason,
    registeredOn,
    father,
    mother,
    guardian,
    flags,
    homeVisits,
    reviews,
    assistance,
    protectionCase,
    school,
    household: unregistered
      ? null
      : {
          number: `${countyCode}${String(index + 1).padStart(9, '0')}`,
          addressCode: r.chance(0.95) ? villageCode : places.villages[Math.floor(r.next() * places.villages.length)]!,
          headName: guardian?.relationship === 'GRANDPARENT' ? guardian.name : father.name,
          relationshipToHead: guardian?.relationship === 'GRANDPARENT' ? (sex === 'MALE' ? 'GRANDSON' : 'GRANDDAUGHTER') : sex === 'MALE' ? 'SON' : 'DAUGHTER',
        },
    // Civil affairs hands a child without household registration to the police when a review finds it; the police
    // have not yet registered it, and are not overdue (older reports are deliberate quality defects).
    unregistered: unregistered ? { reportedOn: r.date(laterOf(registeredOn, PENDING_SINCE_FLOOR), AS_OF), status: 'PENDING', registeredOn: null } : null,
    mandatoryReport,
    missingReport:
      missingReportFor(mandatoryReport) ?? (missing ? { reportedAt: `${r.date(laterOf(birthDate, '2023-01-01'), AS_OF)}T${String(r.int(6, 22)).padStart(2, '0')}:00:00Z`, foundAt: null } : null),
    health: makeHealth(r, ageYears, birthDate, townCode, flags.disability),
  };
}

function makeSchool(r: Random, age: number, town: string, places: Places, flags: SyntheticChild['flags'], idNumber: string | null, index: number): NonNullable<SyntheticChild['school']> {
  const grade = Math.min(age - 5, 9);
  const level = grade <= 6 ? 'P' : 'J';
  const moved = r.chance(SHARES.movedSchool);
  const towns = [...places.townSeat.keys()];
  const schoolTown = moved ? r.pick(towns) : town;
  const dropoutRisk = SHARES.dropout * (grade >= 7 ? 2.5 : 0.4) * (flags.deFactoUnsupported ? 3 : 1);
  const droppedOut = r.chance(dropoutRisk);
  const dropoutStatus = droppedOut ? r.pick(['REPORTED', 'PERSUADING', 'PERSUADING', 'RETURNED', 'REFERRED'] as const) : null;
  // Grade 1 starts primary school, grade 7 junior middle: a dropout report names the school the
  // child attends, so it cannot predate the child's first day there.
  const startedThisSchool = `${2024 - grade + (level === 'P' ? 1 : 7)}-09-01`;
  const reportedOn = r.date(laterOf(startedThisSchool, '2024-03-01'), AS_OF);
  return {
    schoolId: `${schoolTown}-${level}`,
    villageCode: places.townSeat.get(schoolTown)!,
    previousSchoolId: moved && schoolTown !== town ? `${town}-${level}` : null,
    studentNumber: idNumber ? `G${idNumber}` : `L${String(index + 1).padStart(17, '0')}`,
    grade,
    className: `${r.int(1, 4)}班`,
    boarding: grade >= 5 && r.chance(0.4),
    enrolledOn: `${2024 - grade + 1}-09-01`,
    pairedTeacherIndex: r.int(0, 4),
    absences: ['2024-03', '2024-04', '2024-05', '2024-06', '2024-09'].map((month) => ({
      month,
      unexcusedDays: droppedOut ? r.int(5, 20) : r.chance(0.05) ? r.int(1, 3) : 0,
      excusedDays: r.chance(0.2) ? r.int(1, 3) : 0,
    })),
    dropout: dropoutStatus
      ? { reportedOn, reason: r.pick(['厌学', '外出务工', '家庭困难', '照顾家人']), status: dropoutStatus, returnedOn: dropoutStatus === 'RETURNED' ? r.date(reportedOn, AS_OF) : null }
      : null,
    counselling: r.chance(0.04) ? [{ sessionOn: r.date('2024-01-01', AS_OF), counsellor: '心理辅导教师', notes: '思念父母，情绪低落，建议每周视频通话' }] : [],
  };
}

function makeMandatoryReport(r: Random, atRisk: boolean, birthDate: string): SyntheticChild['mandatoryReport'] {
  if (!r.chance(atRisk ? 0.25 : SHARES.mandatoryReport)) return null;
  const reportedAt = `${r.date(laterOf(birthDate, '2023-06-01'), AS_OF)}T${String(r.int(7, 20)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00Z`;
  const status = r.pick(['RECEIVED', 'RESPONDING', 'CLOSED', 'CLOSED'] as const);
  const category = r.pick(['LIVING_ALONE', 'GUARDIAN_UNABLE', 'GUARDIAN_UNABLE', 'SUSPECTED_VIOLENCE', 'MISSING'] as const);
  return {
    reporterKind: r.pick(['SCHOOL', 'CLINIC', 'VILLAGE_COMMITTEE', 'SOCIAL_WORKER'] as const),
    category,
    reportedAt,
    status,
    details: category === 'SUSPECTED_VIOLENCE' ? '学生身上多处淤青，疑似遭受家庭暴力' : '儿童独自居住，无人照料',
    response:
      status === 'RECEIVED'
        ? null
        : {
            respondedAt: new Date(Date.parse(reportedAt) + r.int(1, 6) * 3_600_000).toISOString(),
            action:
              category === 'SUSPECTED_VIOLENCE'
                ? 'VIOLENCE_STOPPED'
                : category === 'MISSING'
                  ? 'SEARCH_STARTED'
                  : r.pick(['PARENTS_RECALLED', 'NEW_GUARDIAN', 'PLACED_WITH_RELATIVES', 'PLACED_IN_INSTITUTION'] as const),
            notes: '民警到场处置，已通知乡镇和民政部门',
          },
  };
}

function makeHealth(r: Random, age: number, birthDate: string, town: string, disabled: boolean): SyntheticChild['health'] {
  const incomplete = r.chance(SHARES.incompleteImmunisation);
  const immunisations = VACCINES.flatMap(([vaccine, doses]) =>
    Array.from({ length: incomplete ? r.int(0, doses - 1) : doses }, (_, dose) => ({ vaccine, dose: dose + 1, givenOn: addMonths(birthDate, Math.min(dose * 2 + 1, age * 12)) })),
  );
  const malnourished = r.chance(SHARES.malnutrition);
  const growth = Array.from({ length: Math.min(age + 1, 3) }, (_, i) => {
    const years = Math.max(age - i, 0);
    const heightCm = Math.round((50 + years * 6.5 + r.int(-4, 4)) * 10) / 10;
    const weightKg = Math.round((3.3 + years * 2.4 * (malnourished ? 0.8 : 1) + r.int(-1, 1)) * 10) / 10;
    return { measuredOn: addMonths(birthDate, years * 12 + 1), heightCm, weightKg, assessment: malnourished ? r.pick(['UNDERWEIGHT', 'STUNTED', 'WASTED'] as const) : ('NORMAL' as const) };
  });
  const mentalHigh = age >= 6 && r.chance(SHARES.mentalHighRisk);
  return {
    clinicTown: town,
    immunisations,
    growth,
    disability: disabled
      ? {
          category: r.pick(['VISUAL', 'HEARING', 'SPEECH', 'PHYSICAL', 'INTELLECTUAL', 'MULTIPLE'] as const),
          grade: r.pick([1, 2, 3, 4] as const),
          assessedOn: r.date(birthDate, AS_OF),
          detail: '经县级残联指定医院评定',
        }
      : null,
    chronic: r.chance(SHARES.chronicIllness) ? [(([condition, icd10]) => ({ condition, icd10, diagnosedOn: r.date(birthDate, AS_OF) }))(r.pick(CHRONIC))] : [],
    hospitalStays: r.chance(0.05) ? [hospitalStay(r, birthDate)] : [],
    mentalScreenings:
      age >= 6
        ? [
            {
              screenedOn: r.date('2024-03-01', AS_OF),
              instrument: r.pick(['SDQ', 'CDI'] as const),
              score: mentalHigh ? r.int(20, 30) : r.int(2, 15),
              risk: mentalHigh ? 'HIGH' : r.chance(0.1) ? 'MEDIUM' : 'LOW',
              notes: mentalHigh ? '孤独感强，建议转介心理咨询' : null,
            },
          ]
        : [],
  };
}

/** A mandatory report that a child is missing starts a missing-child case at the police. */
function missingReportFor(report: SyntheticChild['mandatoryReport']): SyntheticChild['missingReport'] {
  if (report?.category !== 'MISSING') return null;
  return { reportedAt: report.reportedAt, foundAt: report.status === 'CLOSED' ? (report.response?.respondedAt ?? report.reportedAt) : null };
}

/** Most stays ended; a few children (about 0.5% of all) are in hospital on the as-of date. */
function hospitalStay(r: Random, birthDate: string): SyntheticChild['health']['hospitalStays'][number] {
  const admittedOn = r.date(laterOf(birthDate, '2023-01-01'), AS_OF);
  const ongoing = r.chance(0.1);
  const discharged = new Date(Date.parse(admittedOn) + r.int(2, 14) * 86_400_000).toISOString().slice(0, 10);
  return { admittedOn, dischargedOn: ongoing || discharged > AS_OF ? null : discharged, hospital: '县人民医院', reason: r.pick(['肺炎', '骨折', '急性肠胃炎']) };
}

/**
 * Ages are counted on AS_OF, the quality rules on SEED_DAY, the day after: a child born on
 * 1 October would be a year older on the second than on the first (15 yet 16, or 5 yet of
 * school age without a school). The world has it born a day later.
 */
function notTurningOnSeedDay(birthDate: string): string {
  return birthDate.slice(5) === SEED_DAY.slice(5) ? addDays(birthDate, 1) : birthDate;
}

function laterOf(a: string, b: string): string {
  return a > b ? a : b;
}

function addMonths(isoDate: string, months: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  const iso = d.toISOString().slice(0, 10);
  return iso > AS_OF ? AS_OF : iso;
}

/** The quarters from the one `isoDate` falls in to the world's last (AS_OF's), oldest first. */
function quartersSince(isoDate: string): string[] {
  const quarters: string[] = [];
  for (let quarter = quarterOf(AS_OF); quarter >= quarterOf(isoDate); quarter = previousQuarter(quarter)) quarters.unshift(quarter);
  return quarters;
}
