import type { QualityRuleId } from '@lbc/schema';

/**
 * One synthetic child as the whole hub knows it: every agency's seed projection reads
 * its own slice from this, so the same child is consistent in all four databases (same
 * ID number, same village, facts that agree: a child with a parent in prison is flagged
 * by civil affairs and has that status at the police).
 */
export interface SyntheticParent {
  name: string;
  idNumber: string;
  isAway: boolean;
  workPlace: string | null;
  phone: string;
  unableReason: string | null;
  /** Police-known status that affects guardianship. */
  policeStatus: 'SERVING_SENTENCE' | 'DETAINED' | 'DECEASED' | 'MISSING' | null;
}

export interface SyntheticChild {
  index: number;
  /**
   * False for a child the registry does not hold: another agency's record points to it as
   * left behind (主动发现). Civil affairs writes nothing of it and publishes no residence.
   */
  inRegistry: boolean;
  /**
   * The data-quality rules this child's records violate on purpose, each written wrong by
   * the agency that owns the fact (see quality-defects.ts and as-recorded.ts). Empty for
   * almost every child: the rest of the world agrees with itself.
   */
  defects: QualityRuleId[];
  /** Hub identity, assigned by the civil-affairs registry. */
  id: string;
  /** Null for children without household registration (无户籍). */
  idNumber: string | null;
  name: string;
  sex: 'MALE' | 'FEMALE';
  birthDate: string;
  ageYears: number;
  ethnicity: string;
  villageCode: string;
  townCode: string;
  countyCode: string;
  category: 'BOTH_PARENTS_AWAY' | 'ONE_PARENT_AWAY_OTHER_UNABLE';
  leftBehindSince: string;
  status: 'ACTIVE' | 'EXITED';
  exitReason: 'JOINED_PARENTS' | 'PARENT_RETURNED' | null;
  registeredOn: string;
  father: SyntheticParent;
  mother: SyntheticParent;
  guardian: {
    name: string;
    relationship: 'GRANDPARENT' | 'RELATIVE' | 'NEIGHBOUR_OR_FRIEND' | 'VILLAGE_COMMITTEE';
    capacity: 'ADEQUATE' | 'LIMITED' | 'INCAPABLE';
    phone: string;
    confirmationSignedOn: string | null;
  } | null;
  flags: { deFactoUnsupported: boolean; guardianMissing: boolean; disability: boolean; familyHardship: boolean };
  homeVisits: { visitedOn: string; concernRaised: boolean; findings: string | null }[];
  reviews: { quarter: string; reviewedOn: string; stillLeftBehind: boolean; outcome: 'NO_CHANGE' | 'UPDATED' | 'EXITED' | 'ESCALATED' }[];
  assistance: { kind: 'MINIMUM_LIVING_ALLOWANCE' | 'TEMPORARY_AID' | 'MEDICAL_AID'; status: 'APPLIED' | 'GRANTED' | 'ENDED'; amountYuan: number; startedOn: string; endedOn: string | null }[];
  protectionCase: { kind: 'NEGLECT' | 'SUSPECTED_ABUSE' | 'NO_GUARDIAN' | 'DROPOUT'; status: 'OPEN' | 'CLOSED'; openedOn: string; closedOn: string | null; summary: string } | null;

  /** Education: null below school age (6). */
  school: {
    /** e.g. "431003101-P": the central primary school of a township, or "-J" junior middle. */
    schoolId: string;
    /** Where the school stands: the village of its township's seat. */
    villageCode: string;
    /** Set when the child moved school: the school it left. The left-behind flag must follow. */
    previousSchoolId: string | null;
    studentNumber: string;
    grade: number;
    className: string;
    boarding: boolean;
    enrolledOn: string;
    pairedTeacherIndex: number;
    absences: { month: string; unexcusedDays: number; excusedDays: number }[];
    dropout: { reportedOn: string; reason: string; status: 'REPORTED' | 'PERSUADING' | 'RETURNED' | 'REFERRED'; returnedOn: string | null } | null;
    counselling: { sessionOn: string; counsellor: string; notes: string }[];
  } | null;

  /** Police: household registration; null for unregistered children. */
  household: { number: string; addressCode: string; headName: string; relationshipToHead: 'SON' | 'DAUGHTER' | 'GRANDSON' | 'GRANDDAUGHTER' } | null;
  unregistered: { reportedOn: string; status: 'PENDING' | 'REGISTERED'; registeredOn: string | null } | null;
  mandatoryReport: {
    reporterKind: 'SCHOOL' | 'CLINIC' | 'VILLAGE_COMMITTEE' | 'SOCIAL_WORKER';
    category: 'LIVING_ALONE' | 'MISSING' | 'GUARDIAN_UNABLE' | 'SUSPECTED_VIOLENCE';
    reportedAt: string;
    status: 'RECEIVED' | 'RESPONDING' | 'CLOSED';
    details: string;
    response: { respondedAt: string; action: 'PARENTS_RECALLED' | 'NEW_GUARDIAN' | 'PLACED_WITH_RELATIVES' | 'PLACED_IN_INSTITUTION' | 'SEARCH_STARTED' | 'VIOLENCE_STOPPED'; notes: string } | null;
  } | null;
  missingReport: { reportedAt: string; foundAt: string | null } | null;

  /** Health. */
  health: {
    clinicTown: string;
    immunisations: { vaccine: string; dose: number; givenOn: string }[];
    growth: { measuredOn: string; heightCm: number; weightKg: number; assessment: 'NORMAL' | 'UNDERWEIGHT' | 'STUNTED' | 'WASTED' | 'OVERWEIGHT' }[];
    disability: { category: 'VISUAL' | 'HEARING' | 'SPEECH' | 'PHYSICAL' | 'INTELLECTUAL' | 'MENTAL' | 'MULTIPLE'; grade: 1 | 2 | 3 | 4; assessedOn: string; detail: string } | null;
    chronic: { condition: string; icd10: string; diagnosedOn: string }[];
    hospitalStays: { admittedOn: string; dischargedOn: string | null; hospital: string; reason: string }[];
    mentalScreenings: { screenedOn: string; instrument: 'SDQ' | 'CDI'; score: number; risk: 'LOW' | 'MEDIUM' | 'HIGH'; notes: string | null }[];
  };
}
