import type { ChildPlaceTable, WriteTables } from '@lbc/subgraph-kit';
import type { ColumnType, Generated, Selectable } from 'kysely';

/** The enrollment database, as Kysely sees it. Column names are the SQL ones. */
export interface EducationDB extends WriteTables {
  school: SchoolTable;
  teacher: TeacherTable;
  enrollment: EnrollmentTable;
  attendance: AttendanceTable;
  dropout_report: DropoutReportTable;
  pairing: PairingTable;
  counselling_session: CounsellingSessionTable;
  /** Every place of each child, shared by all agencies: the hub's jurisdiction rule (see the kit's child-places.ts). */
  child_place: ChildPlaceTable;
}

/** A nullable column that inserts may leave out (it is then null). */
type NullByDefault<T> = ColumnType<T | null, T | null | undefined, T | null>;

export type SchoolKind = 'PRIMARY' | 'JUNIOR_MIDDLE';
export type DropoutReportStatus = 'REPORTED' | 'PERSUADING' | 'RETURNED' | 'REFERRED';

export interface SchoolTable {
  id: string;
  name: string;
  kind: SchoolKind;
  /** The 12-digit code of the village the school stands in. */
  region_code: string;
}

export interface TeacherTable {
  id: string;
  school_id: string;
  name: string;
  phone: string | null;
}

export interface EnrollmentTable {
  id: Generated<number>;
  /** Hub identity (civil-affairs registry id), beside the agency's own student number. */
  child_id: string;
  id_number: string | null;
  student_number: string;
  school_id: string;
  grade: number;
  class_name: string;
  boarding: boolean;
  left_behind: boolean;
  enrolled_on: string;
  left_on: string | null;
  current: boolean;
  version: Generated<number>;
}

export interface AttendanceTable {
  child_id: string;
  /** YYYY-MM */
  month: string;
  /** Null for months recorded before school days were asked. */
  school_days: NullByDefault<number>;
  unexcused_days: number;
  excused_days: number;
}

export interface DropoutReportTable {
  id: Generated<number>;
  child_id: string;
  school_id: string;
  reported_on: string;
  reason: string;
  status: DropoutReportStatus;
  returned_on: string | null;
  version: Generated<number>;
  persuasion_attempts: Generated<number>;
  last_persuasion_on: NullByDefault<string>;
}

export interface PairingTable {
  child_id: string;
  teacher_id: string;
  since: string;
}

export interface CounsellingSessionTable {
  id: Generated<number>;
  child_id: string;
  session_on: string;
  counsellor: string;
  notes: string;
}

export type SchoolRow = Selectable<SchoolTable>;
export type TeacherRow = Selectable<TeacherTable>;
export type EnrollmentRow = Selectable<EnrollmentTable>;
export type AttendanceRow = Selectable<AttendanceTable>;
export type DropoutReportRow = Selectable<DropoutReportTable>;
export type PairingRow = Selectable<PairingTable>;
export type CounsellingSessionRow = Selectable<CounsellingSessionTable>;

/** A child's paired teacher: the teacher row with the child it was found for. */
export type PairedTeacherRow = TeacherRow & Pick<PairingRow, 'child_id' | 'since'>;

/**
 * Entities this subgraph contributes to but does not own: civil affairs owns children and
 * regions, so here the model is the key alone and every field loads what it needs.
 */
export interface ChildRef {
  id: string;
}
export interface RegionRef {
  code: string;
}
