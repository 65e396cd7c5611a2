import { sql, type Kysely } from 'kysely';
import type { CivilAffairsDB } from '../db-types.ts';
import type { InterventionSummary } from './revocation-grounds.ts';

export interface InterventionSummaryRow extends InterventionSummary {
  childId: string;
}

/**
 * The warnings of many children summed up, in ONE statement (the child's warning index):
 * how many were ignored, and since when care has been refused — the earliest date recorded
 * on the warnings given after the last heeded one, since a heeded warning ends a refusal.
 * Children without warnings have no row.
 */
export async function interventionSummaries(db: Kysely<CivilAffairsDB>, childIds: readonly string[]): Promise<InterventionSummaryRow[]> {
  if (!childIds.length) return [];
  const { rows } = await sql<InterventionSummaryRow>`
    select w.child_id as "childId",
      count(*) filter (where w.outcome = 'IGNORED')::int as "warningsIgnored",
      min(w.care_refused_since) filter (where w.outcome <> 'HEEDED' and not exists (
        select 1 from guardian_warning h
        where h.child_id = w.child_id and h.outcome = 'HEEDED' and (h.warned_on, h.id) > (w.warned_on, w.id)
      )) as "careRefusedSince"
    from guardian_warning w
    where w.child_id in (${sql.join(childIds as string[])})
    group by w.child_id`.execute(db);
  return rows;
}

/** A child without warnings: nothing ignored, no refusal recorded. */
export const NO_INTERVENTION: InterventionSummary = { warningsIgnored: 0, careRefusedSince: null };
