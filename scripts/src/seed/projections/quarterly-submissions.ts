import type { CivilAffairsDB } from '@lbc/civil-affairs';
import { submissionKey, townCompleteness, type CompletenessCounts } from '@lbc/civil-affairs/quarterly';
import { codeAtLevel, submittedLate, unitAt, type QuarterState } from '@lbc/schema';
import type { Kysely } from 'kysely';
import { insertRows } from '../insert-rows.ts';
import type { SeedProjection } from '../seed-projection.ts';
import { quarterPlans, type QuarterPlanStep, type TownQuarterPlan } from '../world/quarter-plan.ts';
import { addDays } from '../world/world-days.ts';
import { subjectOf } from './handoff-parties.ts';
import { chinaTime, MINUTE, plus } from './seed-times.ts';
import { townOfficerId } from './civil-affairs.ts';

/** A township's completeness for a quarter: children reviewed, of those expected. */
export type QuarterCounts = CompletenessCounts;

/** One seeded submission: its row and its history, oldest first. */
export interface SeedSubmission {
  row: Omit<CivilAffairsDB['quarterly_submission'], 'id'> & { state: Exclude<QuarterState, 'OPEN'> };
  events: {
    action: string;
    from_state: QuarterState;
    to_state: QuarterState;
    agency: string;
    level: string;
    region_code: string;
    subject: string;
    reason: string | null;
    at: Date;
  }[];
}

/**
 * 每季度更新报送 in the seeded world: each township's 2024-Q2 and 2024-Q3 submission as the
 * quarter plan (world/quarter-plan.ts) has it, with the completeness the registry's reviews
 * give (counted once every child is written), and every step in the event history.
 */
export const quarterlySubmissionsProjection: SeedProjection<CivilAffairsDB> = {
  async prepare() {},
  async writeBatch() {},
  async finish(db, places) {
    const plans = [...quarterPlans(places).values()];
    const counts = await quarterCounts(db, plans);
    const submissions = plans.flatMap((plan) => {
      const submission = seedSubmission(plan, counts.get(submissionKey(plan.townCode, plan.quarter)) ?? { reviewed: 0, expected: 0 });
      return submission ? [submission] : [];
    });
    await insertRows(
      db,
      'quarterly_submission',
      submissions.map((s) => s.row),
    );
    const ids = new Map((await db.selectFrom('quarterly_submission').select(['id', 'town_code', 'quarter']).execute()).map((r) => [`${r.town_code} ${r.quarter}`, r.id]));
    await insertRows(
      db,
      'quarterly_submission_event',
      submissions.flatMap((s) => s.events.map((e) => ({ submission_id: ids.get(`${s.row.town_code} ${s.row.quarter}`)!, ...e }))),
    );
  },
};

/** Keys counted per statement: a province's townships and quarters, well inside a statement's limits. */
const COUNT_BATCH = 2000;

/**
 * Reviewed and expected children of each planned township and quarter, counted by the
 * registry's own rule (townCompleteness, what a live submission counts), once every child
 * is written: the snapshot a submission keeps is what the township would have submitted.
 */
export async function quarterCounts(db: Kysely<CivilAffairsDB>, plans: readonly TownQuarterPlan[]): Promise<Map<string, QuarterCounts>> {
  const keys = plans.map((plan) => submissionKey(plan.townCode, plan.quarter));
  const counts = new Map<string, QuarterCounts>();
  for (let start = 0; start < keys.length; start += COUNT_BATCH) {
    for (const { key, reviewed, expected } of await townCompleteness(db, keys.slice(start, start + COUNT_BATCH))) counts.set(key, { reviewed, expected });
  }
  return counts;
}

/**
 * When each step of a plan was taken. 2024-Q2: the first submission early in July (after the
 * deadline for a late township), a step every two days. 2024-Q3: the morning of the seed's
 * day, before noon (SEED_NOW), a step every half hour.
 */
export function stepTimes(plan: TownQuarterPlan): Date[] {
  const spread = (plan.ordinal % 6) * 10 * MINUTE;
  if (plan.quarter === '2024-Q3') return plan.steps.map((_, k) => plus(chinaTime('2024-10-01', 8), spread + k * 30 * MINUTE));
  const first = plan.late ? addDays('2024-07-11', plan.ordinal % 5) : addDays('2024-07-01', plan.ordinal % 9);
  return plan.steps.map((_, k) => plus(chinaTime(addDays(first, 2 * k), 9 + (k % 3)), spread));
}

/** Why a county sent a submission back, in the words its officer would use. */
function returnReason(step: QuarterPlanStep, counts: QuarterCounts, quarter: string): string {
  if (step.agency === 'education') return '部分在校学生的留守标记与名册不一致，请核实学籍信息后重新报送';
  if (quarter === '2024-Q3' && counts.reviewed < counts.expected) {
    return `本季度应走访${counts.expected}名儿童，仅走访${counts.reviewed}名，请补齐走访记录后重新报送`;
  }
  return '部分儿童本季度走访记录不完整，请补录后重新报送';
}

/** The row and history of a township's submission; null for a township that has not submitted (OPEN: no row). */
export function seedSubmission(plan: TownQuarterPlan, counts: QuarterCounts): SeedSubmission | null {
  if (plan.steps.length === 0) return null;
  const times = stepTimes(plan);
  const events = plan.steps.map((step, k) => {
    const region = codeAtLevel(plan.townCode, step.level);
    return {
      action: step.action,
      from_state: k === 0 ? 'OPEN' : plan.states[k - 1]!,
      to_state: plan.states[k]!,
      agency: step.agency,
      level: step.level,
      region_code: region,
      subject: step.level === 'town' ? townOfficerId(region) : subjectOf(unitAt(step.agency, plan.townCode, step.level)),
      reason: step.action === 'RETURN' ? returnReason(step, counts, plan.quarter) : null,
      at: times[k]!,
    };
  });
  const last = (action: string, agency?: string) => events.findLast((e) => e.action === action && (!agency || e.agency === agency))?.at ?? null;
  const state = plan.state as Exclude<QuarterState, 'OPEN'>;
  const firstSubmittedAt = events.find((e) => e.action === 'SUBMIT')!.at;
  return {
    row: {
      town_code: plan.townCode,
      quarter: plan.quarter,
      state,
      version: events.length,
      first_submitted_at: firstSubmittedAt,
      submitted_at: last('SUBMIT')!,
      submitted_late: submittedLate(plan.quarter, firstSubmittedAt),
      // A return clears the verifications (what comes back is checked again): only standing ones have a time.
      education_verified_at: plan.verifiedBy.includes('education') ? last('VERIFY', 'education') : null,
      police_verified_at: plan.verifiedBy.includes('police') ? last('VERIFY', 'police') : null,
      approved_at: state === 'APPROVED' || state === 'ACCEPTED' ? last('APPROVE') : null,
      accepted_at: state === 'ACCEPTED' ? last('ACCEPT') : null,
      returned_reason: state === 'RETURNED' ? events.at(-1)!.reason : null,
      reviewed_children: counts.reviewed,
      expected_children: counts.expected,
      updated_at: events.at(-1)!.at,
    },
    events,
  };
}
