import { sql, type Kysely } from 'kysely';
import type { ChildPlaceTable } from '../jurisdiction/child-places.ts';
import type { EventPayloads, NewEvent } from '../writes/hub-event.ts';

type PlaceKind = Extract<NewEvent['kind'], `place.${string}`>;
type PlaceEvent = Extract<NewEvent, { kind: PlaceKind }>;
type PlaceColumns = Partial<Omit<ChildPlaceTable, 'child_id'>>;

/** Whether an event moves a child's place (and so its jurisdiction). */
export function isPlaceEvent<E extends NewEvent>(event: E): event is Extract<E, { kind: PlaceKind }> {
  return event.kind in PLACE_COLUMNS;
}

/** The child_place columns each kind of place owns (one agency writes each), from its payload. */
const PLACE_COLUMNS: { [K in PlaceKind]: (payload: EventPayloads[K]) => PlaceColumns } = {
  'place.residence': (p) => ({ residence_code: p.residenceCode }),
  'place.registration': (p) => ({ registration_code: p.registrationCode, station_id: p.stationId }),
  'place.school': (p) => ({ school_code: p.schoolCode, school_id: p.schoolId }),
  'place.clinic': (p) => ({ clinic_id: p.clinicId }),
};

function columnsOf(event: PlaceEvent): PlaceColumns {
  return (PLACE_COLUMNS[event.kind] as (payload: PlaceEvent['payload']) => PlaceColumns)(event.payload);
}

/**
 * Applies place events to child_place, in their order: the last event of a kind for a
 * child wins. A child's kinds are merged into one row, and children with the same kinds
 * go in one upsert, touching only the columns those kinds own: one statement per set of
 * kinds present, whatever the number of children (a delivery with all four kinds of place
 * for each child inserts each row once, rather than inserting it and updating it thrice).
 * The writer's own database and every subscriber's run this same code, and so does the seed.
 */
export async function applyPlaceEvents<DB extends { child_place: ChildPlaceTable }>(database: Kysely<DB>, events: readonly PlaceEvent[]): Promise<void> {
  const db = database as unknown as Kysely<{ child_place: ChildPlaceTable }>;
  const byChild = new Map<string, Map<PlaceKind, PlaceColumns>>();
  for (const event of events) {
    const kinds = byChild.get(event.childId) ?? new Map<PlaceKind, PlaceColumns>();
    kinds.set(event.kind, columnsOf(event));
    byChild.set(event.childId, kinds);
  }
  const byKinds = new Map<string, ({ child_id: string } & PlaceColumns)[]>();
  for (const [childId, kinds] of byChild) {
    const key = [...kinds.keys()].sort().join(' ');
    const rows = byKinds.get(key) ?? [];
    rows.push(Object.assign({ child_id: childId }, ...kinds.values()));
    byKinds.set(key, rows);
  }
  for (const rows of byKinds.values()) {
    const columns = Object.keys(rows[0]!).filter((c) => c !== 'child_id');
    await db
      .insertInto('child_place')
      .values(rows)
      .onConflict((c) => c.column('child_id').doUpdateSet(Object.fromEntries(columns.map((column) => [column, sql.ref(`excluded.${column}`)]))))
      .execute();
  }
}
