import type { CivilAffairsDB } from '@lbc/civil-affairs';
import { insertRows } from '../insert-rows.ts';
import type { SeedProjection } from '../seed-projection.ts';
import { writeChildPlaces } from './child-places.ts';
import { givenName, mobile, surname } from '../world/names.ts';
import { registryBirthDate, registryFlags, registryParent } from '../world/as-recorded.ts';
import { Random } from '../world/random.ts';
import type { SyntheticChild } from '../world/synthetic-child.ts';

/** Staff ids are derived from the place they serve, so children can name theirs without a lookup. */
export const villageSupervisorId = (villageCode: string) => `VS-${villageCode}`;
export const townOfficerId = (townCode: string) => `TO-${townCode}`;

/** The registry: regions are loaded separately (real division data); here staff and children. */
export const civilAffairsProjection: SeedProjection<CivilAffairsDB> = {
  async prepare(db, places) {
    const staff = [
      ...places.villages.map((code, i) => {
        const r = new Random(i + 1);
        return { id: villageSupervisorId(code), name: surname(r) + givenName(r), role: 'VILLAGE_SUPERVISOR' as const, region_code: code, phone: mobile(r) };
      }),
      ...[...places.townSeat.keys()].map((code, i) => {
        const r = new Random(1_000_000 + i);
        return { id: townOfficerId(code), name: surname(r) + givenName(r), role: 'TOWN_OFFICER' as const, region_code: code, phone: mobile(r) };
      }),
    ];
    await insertRows(db, 'staff', staff);
  },

  async writeBatch(db, batch) {
    // Children the registry does not hold (yet) are found through the other agencies' records.
    const children = batch.filter((c) => c.inRegistry);
    await insertRows(db, 'child', children.map(childRow));
    await writeChildPlaces(db, batch);
    await insertRows(
      db,
      'parent',
      children.flatMap((c) => [parentRow(c, 'FATHER'), parentRow(c, 'MOTHER')]),
    );
    await insertRows(
      db,
      'guardian',
      children.flatMap((c) =>
        c.guardian
          ? [
              {
                child_id: c.id,
                name: c.guardian.name,
                relationship: c.guardian.relationship,
                capacity: c.guardian.capacity,
                phone: c.guardian.phone,
                confirmation_signed_on: c.guardian.confirmationSignedOn,
              },
            ]
          : [],
      ),
    );
    await insertRows(db, 'risk_flag', children.flatMap(riskFlagRows));
    await insertRows(
      db,
      'home_visit',
      children.flatMap((c) =>
        c.homeVisits.map((v) => ({ child_id: c.id, visited_on: v.visitedOn, visitor_staff_id: villageSupervisorId(c.villageCode), concern_raised: v.concernRaised, findings: v.findings })),
      ),
    );
    await insertRows(
      db,
      'quarterly_review',
      children.flatMap((c) => c.reviews.map((q) => ({ child_id: c.id, quarter: q.quarter, reviewed_on: q.reviewedOn, still_left_behind: q.stillLeftBehind, outcome: q.outcome }))),
    );
    await insertRows(
      db,
      'assistance',
      children.flatMap((c) => c.assistance.map((a) => ({ child_id: c.id, kind: a.kind, status: a.status, amount_yuan: a.amountYuan, started_on: a.startedOn, ended_on: a.endedOn }))),
    );
    await insertRows(
      db,
      'protection_case',
      children.flatMap((c) =>
        c.protectionCase
          ? [
              {
                child_id: c.id,
                kind: c.protectionCase.kind,
                status: c.protectionCase.status,
                opened_on: c.protectionCase.openedOn,
                closed_on: c.protectionCase.closedOn,
                summary: c.protectionCase.summary,
                lead_staff_id: townOfficerId(c.townCode),
              },
            ]
          : [],
      ),
    );
  },
};

function childRow(c: SyntheticChild) {
  return {
    id: c.id,
    id_number: c.idNumber,
    name: c.name,
    sex: c.sex,
    birth_date: registryBirthDate(c),
    ethnicity: c.ethnicity,
    village_code: c.villageCode,
    category: c.status === 'ACTIVE' ? c.category : null,
    left_behind_since: c.leftBehindSince,
    status: c.status,
    exit_reason: c.exitReason,
    registered_on: c.registeredOn,
    responsible_staff_id: villageSupervisorId(c.villageCode),
  };
}

function parentRow(c: SyntheticChild, role: 'FATHER' | 'MOTHER') {
  const p = role === 'FATHER' ? c.father : c.mother;
  const recorded = registryParent(c, role);
  return { child_id: c.id, role, name: p.name, is_away: recorded.isAway, work_place: recorded.workPlace, phone: p.phone, unable_reason: recorded.unableReason };
}

function riskFlagRows(c: SyntheticChild) {
  const flags = registryFlags(c);
  const kinds = [flags.deFactoUnsupported && 'DE_FACTO_UNSUPPORTED', flags.guardianMissing && 'GUARDIAN_MISSING', flags.disability && 'DISABILITY', flags.familyHardship && 'FAMILY_HARDSHIP'].filter(
    (k): k is 'DE_FACTO_UNSUPPORTED' | 'GUARDIAN_MISSING' | 'DISABILITY' | 'FAMILY_HARDSHIP' => Boolean(k),
  );
  return kinds.map((kind) => ({ child_id: c.id, kind, raised_on: c.registeredOn, cleared_on: null }));
}
