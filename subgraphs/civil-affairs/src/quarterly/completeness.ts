import { quarterBounds, villageCodeRange } from '@lbc/schema';
import { toConnection, type Connection, type PageWindow } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { CivilAffairsDB } from '../db-types.ts';
import { splitSubmissionKey } from './submission-view.ts';

/** How far a township (or a village of it) has reviewed its children for a quarter. */
export interface CompletenessCounts {
  reviewed: number;
  expected: number;
}

/** One village's counts, for the submission's per-village list. */
export interface VillageCompleteness extends CompletenessCounts {
  code: string;
}

/**
 * The counts behind both: "expected" are the children living there who were registered on
 * or before the quarter's last day and are ACTIVE, or that have a review for the quarter
 * (reviewed, then exited); "reviewed" are those with a review for the quarter. Counted with
 * FILTER over child ⟕ quarterly_review, so a place without children still counts (0 of 0).
 */
const COUNTS = sql`count(q.reviewed)::int as reviewed,
  count(c.id) filter (where c.status = 'ACTIVE' or q.reviewed is not null)::int as expected`;

/**
 * Each child's review of the quarter, one probe of the (child_id, quarter) key per child.
 * As a plain join the planner, unable to estimate a village range built from another row,
 * would hash every review of every quarter instead; the limit keeps it a probe.
 */
const REVIEW_OF_QUARTER = sql`left join lateral (
    select 1 as reviewed from quarterly_review qr where qr.child_id = c.id and qr.quarter = k.quarter limit 1
  ) q on true`;

/**
 * Live counts of townships for quarters, keyed by submissionKey: one statement for every key
 * (child_village_idx serves each township's range, the (child_id, quarter) unique key
 * each child's review). Run on the write's transaction for the snapshot a submission keeps.
 */
export async function townCompleteness(db: Kysely<CivilAffairsDB>, keys: readonly string[]): Promise<(CompletenessCounts & { key: string })[]> {
  const rows = keys.map((key) => {
    const { townCode, quarter } = splitSubmissionKey(key);
    const { low, high } = villageCodeRange(townCode);
    return sql`(${key}::text, ${low}::text, ${high}::text, ${quarter}::text, ${quarterBounds(quarter).end}::date)`;
  });
  const { rows: counts } = await sql<CompletenessCounts & { key: string }>`
    select k.key, ${COUNTS}
    from (values ${sql.join(rows)}) as k(key, low, high, quarter, last_day)
    left join child c on c.village_code between k.low and k.high and c.registered_on <= k.last_day
    ${REVIEW_OF_QUARTER}
    group by k.key`.execute(db);
  return counts;
}

/**
 * One page of each township's villages (by code) with their live counts, for many
 * submissions in one statement: the villages come from the region table (region_parent_idx),
 * each village's children and reviews as in townCompleteness.
 */
export async function villageCompletenessPages(db: Kysely<CivilAffairsDB>, keys: readonly string[], window: PageWindow): Promise<Connection<VillageCompleteness>[]> {
  const after = window.after ? String(window.after[0]) : '';
  const rows = keys.map((key) => {
    const { townCode, quarter } = splitSubmissionKey(key);
    return sql`(${key}::text, ${townCode}::text, ${quarter}::text, ${quarterBounds(quarter).end}::date)`;
  });
  const { rows: villages } = await sql<VillageCompleteness & { key: string }>`
    select k.key, v.code, v.reviewed, v.expected
    from (values ${sql.join(rows)}) as k(key, town, quarter, last_day)
    cross join lateral (
      select r.code, ${COUNTS}
      from region r
      left join child c on c.village_code = r.code and c.registered_on <= k.last_day
      ${REVIEW_OF_QUARTER}
      where r.parent_code = k.town and r.level = 'VILLAGE' and r.code > ${after}
      group by r.code
      order by r.code
      limit ${window.first + 1}
    ) v
    order by k.key, v.code`.execute(db);
  const byKey = new Map<string, VillageCompleteness[]>(keys.map((key) => [key, []]));
  for (const { key, ...village } of villages) byKey.get(key)?.push(village);
  return keys.map((key) => toConnection(byKey.get(key) ?? [], window.first, (v) => [v.code]));
}
