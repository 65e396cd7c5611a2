import { regionRanges } from '@lbc/subgraph-kit';
import { sql, type Kysely } from 'kysely';
import type { HealthDB } from './db-types.ts';
import { malnourished } from './health-facts.ts';

export interface HealthRegionStatsRow {
  code: string;
  with_health_record: number;
  immunisation_incomplete: number;
  malnourished: number;
  disabled: number;
  with_chronic_illness: number;
  mental_health_high_risk: number;
  hospitalised: number;
  with_serious_condition: number;
  needing_follow_up: number;
}

/** The counts summed as the rollup holds them: all but two need no correction. */
const FIXED = ['with_health_record', 'malnourished', 'disabled', 'with_chronic_illness', 'mental_health_high_risk', 'hospitalised', 'with_serious_condition'] as const;

/**
 * Each region's health counts on `asOf`, one statement for the batch: the sum of its
 * villages' rollup rows (health_village), with the two day-dependent counts moved from the
 * rollup clock's day D0 to `asOf`. A child is incomplete on day D when its
 * `immunisation_incomplete_from` <= D, so between the two days the count changes by the
 * children whose date lies in (D0, asOf] (+1 each: incomplete now, not at D0) or, asked
 * about a day before the clock, in (asOf, D0] (-1 each). Follow-up moves with them except
 * for the malnourished, who are counted there either way. The window is a range on
 * patient_incomplete_from_idx; the clock is kept at today, so it is at most a day's
 * crossings, and empty when asOf is the clock's day.
 *
 * No scope filter here: the resolver admits only regions inside the caller's
 * jurisdiction, and every child counted lives in the region, hence in scope.
 */
export async function healthRegionStats(db: Kysely<HealthDB>, codes: readonly string[], asOf: string): Promise<HealthRegionStatsRow[]> {
  const { rows } = await sql<HealthRegionStatsRow>`
    select r.code, ${sql.join(FIXED.map((c) => sql`s.${sql.ref(c)}`))},
      s.immunisation_incomplete + c.incomplete as immunisation_incomplete,
      s.needing_follow_up + c.follow_up as needing_follow_up
    from ${regionRanges(codes)}
    cross join (select as_of as d0, least(as_of, ${asOf}::date) as low, greatest(as_of, ${asOf}::date) as high from health_rollup_clock) k
    cross join lateral (
      select ${sql.join([...FIXED, 'immunisation_incomplete', 'needing_follow_up'].map((c) => sql`coalesce(sum(t.${sql.ref(c)}), 0)::int as ${sql.ref(c)}`))}
      from health_village t where t.residence_code between r.low and r.high) s
    cross join lateral (
      select coalesce(sum(x.sign), 0)::int as incomplete, coalesce(sum(x.sign) filter (where not x.malnourished), 0)::int as follow_up
      from (
        select case when p.immunisation_incomplete_from > k.d0 then 1 else -1 end as sign, ${malnourished} as malnourished
        from patient p
        where p.immunisation_incomplete_from > k.low and p.immunisation_incomplete_from <= k.high
          and p.residence_code between r.low and r.high) x) c`.execute(db);
  return rows;
}
