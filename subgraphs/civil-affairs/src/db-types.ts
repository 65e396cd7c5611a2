import type { AdminLevel, Agency, QuarterAction, QuarterState } from '@lbc/schema';
import type { ChildPlaceTable, WriteTables } from '@lbc/subgraph-kit';
import type { Generated, Selectable } from 'kysely';

/** The civil-affairs database, as Kysely sees it. Column names are the SQL ones. */
export interface CivilAffairsDB extends WriteTables {
  region: RegionTable;
  staff: StaffTable;
  child: ChildTable;
  parent: ParentTable;
  guardian: GuardianTable;
  risk_flag: RiskFlagTable;
  home_visit: HomeVisitTable;
  quarterly_review: QuarterlyReviewTable;
  assistance: AssistanceTable;
  protection_case: ProtectionCaseTable;
  guardian_warning: GuardianWarningTable;
  guardianship_petition: GuardianshipPetitionTable;
  quarterly_submission: QuarterlySubmissionTable;
  quarterly_submission_event: QuarterlySubmissionEventTable;
  /** Every agency's places of each child, for the shared row rule (the kit's child-places.ts). */
  child_place: ChildPlaceTable;
  discovered_child: DiscoveredChildTable;
  /** Per-village registry counts, kept by triggers (src/rollups). */
  registry_village_counts: RegistryVillageCountsTable;
}

export interface RegionTable {
  code: string;
  name: string;
  level: 'PROVINCE' | 'CITY' | 'COUNTY' | 'TOWN' | 'VILLAGE';
  parent_code: string | null;
}

export interface StaffTable {
  id: string;
  name: string;
  role: 'VILLAGE_SUPERVISOR' | 'TOWN_OFFICER' | 'COUNTY_OFFICER';
  region_code: string;
  phone: string | null;
}

export interface ChildTable {
  id: string;
  id_number: string | null;
  name: string;
  sex: 'MALE' | 'FEMALE';
  birth_date: string;
  ethnicity: string | null;
  village_code: string;
  category: 'BOTH_PARENTS_AWAY' | 'ONE_PARENT_AWAY_OTHER_UNABLE' | null;
  left_behind_since: string | null;
  status: 'ACTIVE' | 'EXITED';
  exit_reason: 'JOINED_PARENTS' | 'PARENT_RETURNED' | 'TURNED_SIXTEEN' | 'OTHER' | null;
  registered_on: string;
  responsible_staff_id: string | null;
  version: Generated<number>;
  /** When the child left the registry (exitChild); null while ACTIVE. Not in the graph: the file's history. */
  exited_on: string | null;
}

export interface ParentTable {
  child_id: string;
  role: 'FATHER' | 'MOTHER';
  name: string;
  is_away: boolean;
  work_place: string | null;
  phone: string | null;
  unable_reason: string | null;
}

export interface GuardianTable {
  child_id: string;
  name: string;
  relationship: 'GRANDPARENT' | 'RELATIVE' | 'NEIGHBOUR_OR_FRIEND' | 'VILLAGE_COMMITTEE';
  capacity: 'ADEQUATE' | 'LIMITED' | 'INCAPABLE';
  phone: string | null;
  confirmation_signed_on: string | null;
}

export interface RiskFlagTable {
  child_id: string;
  kind: 'DE_FACTO_UNSUPPORTED' | 'GUARDIAN_MISSING' | 'DISABILITY' | 'FAMILY_HARDSHIP';
  raised_on: string;
  cleared_on: string | null;
}

export interface HomeVisitTable {
  id: Generated<number>;
  child_id: string;
  visited_on: string;
  visitor_staff_id: string | null;
  concern_raised: boolean;
  findings: string | null;
}

export interface QuarterlyReviewTable {
  id: Generated<number>;
  child_id: string;
  quarter: string;
  reviewed_on: string;
  still_left_behind: boolean;
  outcome: 'NO_CHANGE' | 'UPDATED' | 'EXITED' | 'ESCALATED';
}

export interface AssistanceTable {
  id: Generated<number>;
  child_id: string;
  kind: 'MINIMUM_LIVING_ALLOWANCE' | 'TEMPORARY_AID' | 'MEDICAL_AID';
  status: 'APPLIED' | 'GRANTED' | 'REJECTED' | 'ENDED';
  amount_yuan: number | null;
  started_on: string;
  ended_on: string | null;
  version: Generated<number>;
}

export interface ProtectionCaseTable {
  id: Generated<number>;
  child_id: string;
  kind: 'NEGLECT' | 'SUSPECTED_ABUSE' | 'NO_GUARDIAN' | 'DROPOUT' | 'OTHER';
  status: 'OPEN' | 'CLOSED';
  opened_on: string;
  closed_on: string | null;
  summary: string | null;
  lead_staff_id: string | null;
  version: Generated<number>;
  /** The hub hand-off that led to the case: a plain reference, the hub database is elsewhere. */
  handoff_id: string | null;
  close_reason: string | null;
  /** The assessment: all null until one is recorded, then the three grades and the date at least. */
  assessment_safety: AssessmentGrade | null;
  assessment_guardianship: AssessmentGrade | null;
  assessment_health: AssessmentGrade | null;
  assessment_summary: string | null;
  assessed_on: string | null;
  assessment_approved_on: string | null;
}

export type AssessmentGrade = 'NONE' | 'LOW' | 'MEDIUM' | 'HIGH';
export type RevocationGround = 'REFUSED_CARE_SIX_MONTHS' | 'WARNINGS_IGNORED_THREE_TIMES' | 'OTHER';

/** A warning to the child's guardian (监护干预), by civil affairs or the police. */
export interface GuardianWarningTable {
  id: Generated<number>;
  child_id: string;
  warned_on: string;
  reason: string;
  care_refused_since: string | null;
  given_by: 'CIVIL_AFFAIRS' | 'POLICE';
  outcome: Generated<'PENDING' | 'HEEDED' | 'IGNORED'>;
  version: Generated<number>;
}

/** Civil affairs' petition to the court to revoke a guardianship. */
export interface GuardianshipPetitionTable {
  id: Generated<number>;
  child_id: string;
  filed_on: string;
  court: string;
  grounds: RevocationGround[];
  outcome: Generated<'PENDING' | 'REVOKED' | 'DISMISSED'>;
  decided_on: string | null;
  version: Generated<number>;
}

/** A township's submission for one quarter; no row while the township has not submitted (OPEN). */
export interface QuarterlySubmissionTable {
  id: Generated<number>;
  town_code: string;
  quarter: string;
  state: Exclude<QuarterState, 'OPEN'>;
  version: number;
  /** Timeliness is judged on the first submission; `submitted_at` is the latest. */
  first_submitted_at: Date;
  submitted_at: Date;
  submitted_late: boolean;
  education_verified_at: Date | null;
  police_verified_at: Date | null;
  approved_at: Date | null;
  accepted_at: Date | null;
  /** Why it was sent back: set while RETURNED only. */
  returned_reason: string | null;
  /** The completeness counts as they were at the latest submission. */
  reviewed_children: number;
  expected_children: number;
  updated_at: Date;
}

/** One step of a submission, by whom (the principal's agency, level and region) and why. */
export interface QuarterlySubmissionEventTable {
  id: Generated<number>;
  submission_id: number;
  action: QuarterAction;
  from_state: QuarterState;
  to_state: Exclude<QuarterState, 'OPEN'>;
  agency: Agency;
  level: AdminLevel;
  region_code: string;
  subject: string | null;
  reason: string | null;
  at: Date;
}

export type RegionRow = Selectable<RegionTable>;
export type StaffRow = Selectable<StaffTable>;
export type ChildRow = Selectable<ChildTable>;
export type ParentRow = Selectable<ParentTable>;
export type GuardianRow = Selectable<GuardianTable>;
export type RiskFlagRow = Selectable<RiskFlagTable>;
export type HomeVisitRow = Selectable<HomeVisitTable>;
export type QuarterlyReviewRow = Selectable<QuarterlyReviewTable>;
export type AssistanceRow = Selectable<AssistanceTable>;
export type ProtectionCaseRow = Selectable<ProtectionCaseTable>;
export type GuardianWarningRow = Selectable<GuardianWarningTable>;
export type GuardianshipPetitionRow = Selectable<GuardianshipPetitionTable>;
export type QuarterlySubmissionRow = Selectable<QuarterlySubmissionTable>;
export type QuarterlySubmissionEventRow = Selectable<QuarterlySubmissionEventTable>;

/** The open risk flags of one child: the model behind the RiskFlags object. */
export type RiskFlagSet = RiskFlagRow[];

/** A child the hub discovered: the id the other agencies know it by, and where they place it. */
export interface DiscoveredChildTable {
  child_id: string;
  village_code: string;
  handoff_id: string;
  reason: string;
  discovered_at: Generated<Date>;
}

/** One village's counts (migration 0010's registry_village_counts_from_rows says what each counts). */
export interface RegistryVillageCountsTable {
  village_code: string;
  active_children: number;
  both_parents_away: number;
  one_parent_away_other_unable: number;
  de_facto_unsupported: number;
  guardian_missing: number;
  without_entrusted_guardian: number;
  open_protection_cases: number;
  on_minimum_living_allowance: number;
}
