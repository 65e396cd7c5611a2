import type { ChildPlaceTable, WriteTables } from '@lbc/subgraph-kit';
import type { ColumnType, Generated, Selectable } from 'kysely';

/** The police household-registration database, as Kysely sees it. Column names are the SQL ones. */
export interface PoliceDB extends WriteTables {
  household: HouseholdTable;
  resident: ResidentTable;
  unregistered_child: UnregisteredChildTable;
  mandatory_report: MandatoryReportTable;
  emergency_response: EmergencyResponseTable;
  missing_report: MissingReportTable;
  parent_status: ParentStatusTable;
  /** View: mandatory_report with the newest responses attached (see 0001-household.ts). */
  mandatory_report_with_responses: MandatoryReportWithResponsesView;
  /** View: one row per child known here, registered or not (see 0001-household.ts). */
  police_child: PoliceChildView;
  /** Every place of each child, shared by all agencies: the hub's jurisdiction rule (see the kit's child-places.ts). */
  child_place: ChildPlaceTable;
  /** The ledger of ID-number sequences issued per area and birth date (see 0004-writes.ts). */
  id_number_sequence: IdNumberSequenceTable;
}

/** timestamptz: drivers hand us a Date; inserts may pass an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type RelationshipToHead = 'HEAD' | 'SPOUSE' | 'SON' | 'DAUGHTER' | 'GRANDSON' | 'GRANDDAUGHTER' | 'DAUGHTER_IN_LAW' | 'SON_IN_LAW' | 'OTHER_RELATIVE';

export interface HouseholdTable {
  id: Generated<number>;
  number: string;
  address_code: string;
  address_detail: string | null;
  head_name: string;
  station_id: string;
}

/** Children and adults alike; only the hub's children carry a child_id. */
export interface ResidentTable {
  id_number: string;
  child_id: string | null;
  household_number: string;
  relationship_to_head: RelationshipToHead;
  registered_on: string;
}

export interface UnregisteredChildTable {
  id: Generated<number>;
  child_id: string;
  village_code: string;
  reported_by: string;
  reported_on: string;
  status: 'PENDING' | 'REGISTERED';
  registered_id_number: string | null;
  registered_on: string | null;
  /** Bumped when the handover is registered: registering names the version read. */
  version: Generated<number>;
}

export interface MandatoryReportTable {
  id: Generated<number>;
  child_id: string;
  reporter_kind: 'SCHOOL' | 'KINDERGARTEN' | 'CLINIC' | 'VILLAGE_COMMITTEE' | 'SOCIAL_WORKER';
  category: 'LIVING_ALONE' | 'MISSING' | 'GUARDIAN_UNABLE' | 'SUSPECTED_VIOLENCE';
  reported_at: Timestamp;
  status: 'RECEIVED' | 'RESPONDING' | 'CLOSED';
  details: string | null;
  /** The hub's hand-off the report was opened for (HO + 9 digits), a plain reference; null for reports taken otherwise (see 0005-emergency-response.ts). */
  handoff_id: string | null;
  /** The police station whose staff took the report up; null when the town or county bureau did. */
  station_id: string | null;
}

/** How many responses the view mandatory_report_with_responses attaches to a report (it fetches one more). */
export const RESPONSES_WITH_REPORT = 20;

export interface MandatoryReportWithResponsesView extends MandatoryReportTable {
  /** Newest first, at most RESPONSES_WITH_REPORT + 1; timestamps arrive as JSON strings. */
  first_responses: ColumnType<EmergencyResponseJson[], never, never>;
}

/** An emergency_response row as to_jsonb renders it. */
export interface EmergencyResponseJson {
  id: number;
  report_id: number;
  responded_at: string;
  action: EmergencyResponseTable['action'];
  notes: string | null;
}

export interface EmergencyResponseTable {
  id: Generated<number>;
  report_id: number;
  responded_at: Timestamp;
  action: 'PARENTS_RECALLED' | 'NEW_GUARDIAN' | 'PLACED_WITH_RELATIVES' | 'PLACED_WITH_VILLAGE_COMMITTEE' | 'PLACED_IN_INSTITUTION' | 'SEARCH_STARTED' | 'VIOLENCE_STOPPED';
  notes: string | null;
}

export interface MissingReportTable {
  id: Generated<number>;
  child_id: string;
  reported_at: Timestamp;
  found_at: ColumnType<Date | null, Date | string | null, Date | string | null>;
}

export type ParentPoliceStatusKind = 'SERVING_SENTENCE' | 'DETAINED' | 'DECEASED' | 'MISSING' | 'RESIDING_ELSEWHERE';

export interface ParentStatusTable {
  id: Generated<number>;
  child_id: string;
  parent_role: 'FATHER' | 'MOTHER';
  status: ParentPoliceStatusKind;
  since: string;
  ended_on: string | null;
  /** Bumped when the status is ended or corrected. */
  version: Generated<number>;
}

/** The last sequence number issued for an area and birth date, per sex (odd male, even female; -1 and 0 before the first). */
export interface IdNumberSequenceTable {
  area_birth: string;
  last_male: number;
  last_female: number;
}

export interface PoliceChildView {
  /** The hub id. */
  id: string;
  /** Constant per branch of the view: filtering on it prunes the other branch. */
  registered: boolean;
  id_number: string | null;
  household_number: string | null;
  relationship_to_head: RelationshipToHead | null;
  registered_on: string | null;
  /** Where the child counts in regional aggregates: registered address, else the handover's village. */
  place_code: string;
  registration_status: 'REGISTERED' | 'UNREGISTERED_PENDING' | 'REGISTERED_AFTER_REPORT';
  unregistered_village_code: string | null;
  unregistered_reported_on: string | null;
  unregistered_status: 'PENDING' | 'REGISTERED' | null;
  unregistered_registered_on: string | null;
  /** The police station keeping the child's household; null while unregistered (see 0002-child-station.ts). */
  station_id: string | null;
  /** The handover's version, when there is one (see 0004-writes.ts). */
  unregistered_version: number | null;
}

export type HouseholdRow = Selectable<HouseholdTable>;
export type ResidentRow = Selectable<ResidentTable>;
export type UnregisteredChildRow = Selectable<UnregisteredChildTable>;
export type MandatoryReportRow = Selectable<MandatoryReportWithResponsesView>;
export type EmergencyResponseRow = Selectable<EmergencyResponseTable>;
export type MissingReportRow = Selectable<MissingReportTable>;
export type ParentStatusRow = Selectable<ParentStatusTable>;
/** The model behind Child, HouseholdMembership and UnregisteredChildRegistration. */
export type PoliceChildRow = Selectable<PoliceChildView>;

/** A region is owned by civil affairs; here it is only a code to aggregate under. */
export interface RegionRef {
  code: string;
}
