/**
 * The places that put a child under a jurisdiction, as every agency subgraph holds them:
 * where the child lives (civil affairs, health), where its household is registered
 * (police), where its school stands (education), and the orgs it belongs to (school,
 * police station, clinic). Places are shared between agencies; facts are not. They let
 * each subgraph apply the hub's one jurisdiction rule (childInJurisdiction) — a child is
 * in scope when ANY of its places lies under the caller's region, or it belongs to the
 * caller's org — while it keeps every fact of its own. In production each agency
 * publishes changes of the places it owns through the hub; the seed writes them directly.
 */
export interface ChildPlaceTable {
  child_id: string;
  residence_code: string | null;
  registration_code: string | null;
  school_code: string | null;
  school_id: string | null;
  station_id: string | null;
  clinic_id: string | null;
}

/** The table, identical in every agency database (each subgraph's migration runs these). */
export const CHILD_PLACE_DDL: readonly string[] = [
  `create table child_place (
      child_id text primary key,
      residence_code varchar(12) check (residence_code ~ '^[0-9]{12}$'),
      registration_code varchar(12) check (registration_code ~ '^[0-9]{12}$'),
      school_code varchar(12) check (school_code ~ '^[0-9]{12}$'),
      school_id text,
      station_id text,
      clinic_id text
    )`,
];
