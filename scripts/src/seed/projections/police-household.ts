import type { PoliceDB } from '@lbc/police-household';
import { idNumberBirthDate } from '@lbc/schema';
import type { Kysely } from 'kysely';
import { insertRows } from '../insert-rows.ts';
import type { SeedProjection } from '../seed-projection.ts';
import { writeChildPlaces } from './child-places.ts';
import type { SyntheticChild, SyntheticParent } from '../world/synthetic-child.ts';
import { townOfficerId } from './civil-affairs.ts';

/** Station ids are derived from the township they serve, so households can name theirs without a lookup. */
export const policeStationId = (townCode: string) => `PS-${townCode}`;

/** Keeps the id-lookup statement of one batch well under PostgreSQL's bind-parameter limit. */
const MAX_KEYS_PER_LOOKUP = 10_000;

/** Household registration: one household per registered child (with its parents), handovers, reports, statuses. */
export const policeHouseholdProjection: SeedProjection<PoliceDB> = {
  // Stations are only ids (PS-<town>) on households: nothing exists independently of children.
  async prepare() {},

  async writeBatch(db, children) {
    // Every child's places: a county sees the registration of a child who lives or goes to school there.
    await writeChildPlaces(db, children);
    const registered = children.filter((c): c is SyntheticChild & { household: object; idNumber: string } => c.household !== null && c.idNumber !== null);
    await insertRows(
      db,
      'household',
      registered.map((c) => ({
        number: c.household.number,
        address_code: c.household.addressCode,
        address_detail: `${(c.index % 12) + 1}组${(c.index % 97) + 1}号`,
        head_name: c.household.headName,
        station_id: policeStationId(c.household.addressCode.slice(0, 9)),
      })),
    );
    await insertRows(db, 'resident', registered.flatMap(residentRows));
    await insertRows(
      db,
      'unregistered_child',
      children.flatMap((c) =>
        c.unregistered
          ? [
              {
                child_id: c.id,
                village_code: c.villageCode,
                // Civil affairs hands the list over through the township child-work officer.
                reported_by: townOfficerId(c.townCode),
                reported_on: c.unregistered.reportedOn,
                status: c.unregistered.status,
                registered_id_number: c.unregistered.status === 'REGISTERED' ? c.idNumber : null,
                registered_on: c.unregistered.registeredOn,
              },
            ]
          : [],
      ),
    );
    await writeMandatoryReports(db, children);
    await insertRows(
      db,
      'missing_report',
      children.flatMap((c) => (c.missingReport ? [{ child_id: c.id, reported_at: c.missingReport.reportedAt, found_at: c.missingReport.foundAt }] : [])),
    );
    await insertRows(
      db,
      'parent_status',
      children.flatMap((c) => [...parentStatusRows(c, 'FATHER'), ...parentStatusRows(c, 'MOTHER')]),
    );
  },
};

function residentRows(c: SyntheticChild & { household: NonNullable<SyntheticChild['household']>; idNumber: string }) {
  const { number, relationshipToHead } = c.household;
  // The head is the father, or a paternal grandparent the child lives with.
  const headIsFather = relationshipToHead === 'SON' || relationshipToHead === 'DAUGHTER';
  return [
    { id_number: c.idNumber, child_id: c.id, household_number: number, relationship_to_head: relationshipToHead, registered_on: c.birthDate },
    { id_number: c.father.idNumber, child_id: null, household_number: number, relationship_to_head: headIsFather ? 'HEAD' : 'SON', registered_on: idNumberBirthDate(c.father.idNumber) },
    // The mother moved in on marriage: by the child's birth at the latest.
    { id_number: c.mother.idNumber, child_id: null, household_number: number, relationship_to_head: headIsFather ? 'SPOUSE' : 'DAUGHTER_IN_LAW', registered_on: c.birthDate },
  ];
}

/** Responses need their report's generated id: one lookup per batch, not one round trip per report. */
async function writeMandatoryReports(db: Kysely<PoliceDB>, children: readonly SyntheticChild[]): Promise<void> {
  const reported = children.filter((c) => c.mandatoryReport !== null);
  await insertRows(
    db,
    'mandatory_report',
    reported.map((c) => {
      const r = c.mandatoryReport!;
      return { child_id: c.id, reporter_kind: r.reporterKind, category: r.category, reported_at: r.reportedAt, status: r.status, details: r.details };
    }),
  );
  const responding = reported.filter((c) => c.mandatoryReport!.response !== null);
  const reportIdByChild = new Map<string, number>();
  for (let start = 0; start < responding.length; start += MAX_KEYS_PER_LOOKUP) {
    const ids = responding.slice(start, start + MAX_KEYS_PER_LOOKUP).map((c) => c.id);
    // The world gives a child at most one report, so the child id names it.
    const rows = await db.selectFrom('mandatory_report').select(['id', 'child_id']).where('child_id', 'in', ids).execute();
    for (const row of rows) reportIdByChild.set(row.child_id, row.id);
  }
  await insertRows(
    db,
    'emergency_response',
    responding.map((c) => {
      const { respondedAt, action, notes } = c.mandatoryReport!.response!;
      return { report_id: reportIdByChild.get(c.id)!, responded_at: respondedAt, action, notes };
    }),
  );
}

/** The police's statuses of one parent, a row each: what the police projection writes, and what the world's quality view derives from. */
export function parentStatusRows(c: SyntheticChild, role: 'FATHER' | 'MOTHER') {
  const parent = role === 'FATHER' ? c.father : c.mother;
  // The world does not date these: the child became left behind when the parent left or became unable.
  const row = (status: NonNullable<SyntheticParent['policeStatus']> | 'RESIDING_ELSEWHERE') => ({ child_id: c.id, parent_role: role, status, since: c.leftBehindSince, ended_on: null });
  return [...(parent.policeStatus ? [row(parent.policeStatus)] : []), ...(parent.isAway ? [row('RESIDING_ELSEWHERE')] : [])];
}
