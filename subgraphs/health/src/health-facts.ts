import { sql, type RawBuilder } from 'kysely';
import { IMMUNISATION_SCHEDULE } from './immunisation-schedule.ts';

/**
 * The derived health facts as SQL over a patient row aliased `p`: the per-child facts are
 * built from these fragments. The region counts come from a rollup whose SQL (migration
 * 0005) writes the same definitions out; test/rollups.test.ts holds the two equal, so a
 * region's count and its children's flags cannot disagree.
 */

// The schedule is code, not input: literals keep the statement's parameter list short.
const schedule = sql`(values ${sql.join(IMMUNISATION_SCHEDULE.map((d) => sql`(${sql.lit(d.vaccine)}, ${sql.lit(d.dose)}, ${sql.lit(d.dueAtMonths)})`))}) as s(vaccine, dose, due_months)`;

/**
 * Some scheduled dose is due at the child's age on `asOf` and not recorded. Counted, not
 * probed dose by dose: (doses due) > (due doses recorded) is two small subqueries per
 * child instead of one index probe per scheduled dose, which is what makes province-wide
 * counts affordable. Exact because a dose is recorded at most once (unique constraint).
 */
export function immunisationIncomplete(asOf: string): RawBuilder<boolean> {
  const due = (alias: string) => sql`p.birth_date + make_interval(months => ${sql.raw(alias)}.due_months) <= ${asOf}::date`;
  return sql<boolean>`(
    (select count(*) from ${schedule} where ${due('s')})
    > (select count(*) from immunisation i join ${schedule} on s.vaccine = i.vaccine and s.dose = i.dose
       where i.child_id = p.child_id and ${due('s')}))`;
}

/** The assessment of the newest growth measurement, or null. */
export const latestGrowthAssessment = sql<string | null>`(
  select g.assessment from growth_measurement g where g.child_id = p.child_id order by g.measured_on desc, g.id desc limit 1)`;

/** Malnourished at the latest measurement; an old episode that has recovered does not count. */
export const malnourished = sql<boolean>`coalesce(${latestGrowthAssessment} in ('UNDERWEIGHT', 'STUNTED', 'WASTED'), false)`;

export const disabled = sql<boolean>`exists (select 1 from disability_assessment d where d.child_id = p.child_id)`;

export const chronicallyIll = sql<boolean>`exists (select 1 from chronic_condition c where c.child_id = p.child_id)`;

export const hospitalised = sql<boolean>`exists (select 1 from hospital_stay h where h.child_id = p.child_id and h.discharged_on is null)`;

/** Only the latest screening counts: a child who was HIGH risk and has since been rescreened LOW is not flagged. */
export const mentalHealthHighRisk = sql<boolean>`coalesce((
  select m.risk from mental_health_screening m where m.child_id = p.child_id order by m.screened_on desc, m.id desc limit 1) = 'HIGH', false)`;

/**
 * Why these four: each means the child's daily care or safety depends on health needs an
 * elderly or absent guardian may not meet, which is what the township's assessment of a
 * child's "physical and mental health" is for, and the plans single out disabled
 * children. Other agencies get only this yes/no, never the diagnosis (PIPL: minimum
 * necessary use of a minor's health data).
 * Severe disability is grade 1 or 2 (一级/二级, the most severe) at the latest assessment;
 * any recorded chronic condition counts (they are, by definition, not resolved); a stay
 * counts while it has no discharge date.
 */
export const severeDisability = sql<boolean>`coalesce((
  select d.grade from disability_assessment d where d.child_id = p.child_id order by d.assessed_on desc, d.id desc limit 1) <= 2, false)`;

export const seriousCondition = sql<boolean>`(${severeDisability} or ${chronicallyIll} or ${hospitalised} or ${mentalHealthHighRisk})`;

/**
 * Why these two: they are what a township health centre acts on by calling the guardian
 * in (catch-up vaccination, nutrition guidance), and a village supervisor or school can
 * help bring the child in without learning anything more sensitive.
 */
export function needsFollowUp(asOf: string): RawBuilder<boolean> {
  return sql<boolean>`(${immunisationIncomplete(asOf)} or ${malnourished})`;
}
