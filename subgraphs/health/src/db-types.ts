import type { ChildPlaceTable, WriteTables } from '@lbc/subgraph-kit';
import type { ColumnType, Generated, Selectable } from 'kysely';

/** The health database, as Kysely sees it. Column names are the SQL ones. The kit's write tables (outbox, inbox, idempotency) come with it. */
export interface HealthDB extends WriteTables {
  clinic: ClinicTable;
  patient: PatientTable;
  immunisation: ImmunisationTable;
  growth_measurement: GrowthMeasurementTable;
  disability_assessment: DisabilityAssessmentTable;
  chronic_condition: ChronicConditionTable;
  hospital_stay: HospitalStayTable;
  mental_health_screening: MentalHealthScreeningTable;
  /** Every agency's places of each child, for the shared row rule (the kit's child-places.ts). */
  child_place: ChildPlaceTable;
}

export type GrowthAssessmentValue = 'NORMAL' | 'UNDERWEIGHT' | 'STUNTED' | 'WASTED' | 'OVERWEIGHT';

export interface ClinicTable {
  id: string;
  name: string;
  region_code: string;
}

/** A child health record. `child_id` is the hub id; the record number and ID number are the agency's own keys. */
export interface PatientTable {
  child_id: string;
  record_number: string;
  id_number: string | null;
  birth_date: string;
  residence_code: string;
  clinic_id: string;
  registered_on: string;
  /** The earliest due date of a scheduled dose not recorded (null: none missing); set by triggers, never written (migration 0005). */
  immunisation_incomplete_from: ColumnType<string | null, never, never>;
}

export interface ImmunisationTable {
  id: Generated<number>;
  child_id: string;
  vaccine: string;
  dose: number;
  given_on: string;
}

export interface GrowthMeasurementTable {
  id: Generated<number>;
  child_id: string;
  measured_on: string;
  height_cm: number;
  weight_kg: number;
  assessment: GrowthAssessmentValue;
}

export interface DisabilityAssessmentTable {
  id: Generated<number>;
  child_id: string;
  category: 'VISUAL' | 'HEARING' | 'SPEECH' | 'PHYSICAL' | 'INTELLECTUAL' | 'MENTAL' | 'MULTIPLE';
  grade: number;
  assessed_on: string;
  detail: string | null;
}

export interface ChronicConditionTable {
  id: Generated<number>;
  child_id: string;
  condition: string;
  icd10: string;
  diagnosed_on: string;
}

export interface HospitalStayTable {
  id: Generated<number>;
  child_id: string;
  hospital: string;
  reason: string | null;
  admitted_on: string;
  discharged_on: string | null;
}

export interface MentalHealthScreeningTable {
  id: Generated<number>;
  child_id: string;
  screened_on: string;
  instrument: 'SDQ' | 'CDI';
  score: number;
  risk: 'LOW' | 'MEDIUM' | 'HIGH';
  notes: string | null;
}

export type ClinicRow = Selectable<ClinicTable>;
export type PatientRow = Selectable<PatientTable>;
export type ImmunisationRow = Selectable<ImmunisationTable>;
export type GrowthMeasurementRow = Selectable<GrowthMeasurementTable>;
export type DisabilityAssessmentRow = Selectable<DisabilityAssessmentTable>;
export type ChronicConditionRow = Selectable<ChronicConditionTable>;
export type HospitalStayRow = Selectable<HospitalStayTable>;
export type MentalHealthScreeningRow = Selectable<MentalHealthScreeningTable>;

/** A region as this subgraph knows it: only its code (civil affairs owns names and the hierarchy). */
export interface RegionRef {
  code: string;
}
