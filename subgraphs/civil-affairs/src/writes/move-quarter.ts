import { conflict, forbidden, invalidTransition, quarterStep, type QuarterAction, type QuarterState, type QuarterVerifier } from '@lbc/schema';
import type { WriteTransaction } from '@lbc/subgraph-kit';
import type { Insertable, Updateable } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { CivilAffairsDB, QuarterlySubmissionRow, QuarterlySubmissionTable } from '../db-types.ts';
import { cycleStateOf, stateOf, type QuarterSubmissionView } from '../quarterly/submission-view.ts';
import type { QuarterStepInput } from './quarter-input.ts';
import { assertVersionRead, quarterSubmissionForWrite } from './quarter-submission-for-write.ts';
import type { QuarterlySubmissionResult } from './quarterly-submission-result.ts';

/** What a step sets beside the state and version, given the submission before it, the step's outcome and the time. */
export type QuarterStepColumns = (
  before: QuarterSubmissionView,
  step: { to: QuarterState; verifiedBy: readonly QuarterVerifier[] },
  now: Date,
) => Updateable<QuarterlySubmissionTable> | Promise<Updateable<QuarterlySubmissionTable>>;

/**
 * One step of a township's quarterly cycle at the version the caller read: the submission
 * is locked as it was (quarterSubmissionForWrite: township, region), then the cycle's one
 * rule, quarterStep, decides: FORBIDDEN for a step that is not the caller's, CONFLICT for a
 * stale version, INVALID_TRANSITION (with the state and the states the step applies from)
 * for one the state does not allow; all before anything is written. The first submission
 * creates the row; every step bumps the version, writes its history row and reports the
 * change (`fields`) for the audit entry. A submission is no child's record: the change names none.
 */
export async function moveQuarter(
  write: WriteTransaction<CivilAffairsDB>,
  context: CivilAffairsContext,
  move: { action: QuarterAction; input: QuarterStepInput; set: QuarterStepColumns; fields: string[] | ((before: QuarterSubmissionView) => string[]) },
): Promise<QuarterlySubmissionResult> {
  const { principal } = context;
  const before = await quarterSubmissionForWrite(write, context, move.input);
  const from = stateOf(before.row);
  const step = quarterStep(move.action, principal, cycleStateOf(before));
  // A step that is never the caller's is refused as such; then a stale version, before the state is judged.
  if (!step.ok && step.problem === 'FORBIDDEN') throw forbidden(step.reason, { reason: 'NOT_YOUR_STEP', action: move.action, inResolver: true });
  assertVersionRead(before, move.input.expectedVersion);
  if (!step.ok) throw invalidTransition(`${step.reason} (township ${before.townCode}, ${before.quarter})`, { state: from, action: move.action, allowedFrom: [...step.allowedFrom], inResolver: true });
  const now = new Date();
  const set = { ...(await move.set(before, step, now)), state: step.to as QuarterlySubmissionRow['state'], updated_at: now };
  const row = before.row
    ? await write.trx
        .updateTable('quarterly_submission')
        .set({ ...set, version: before.row.version + 1 })
        .where('id', '=', before.row.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await write.trx
        .insertInto('quarterly_submission')
        .values({ ...set, town_code: before.townCode, quarter: before.quarter, version: 1 } as Insertable<QuarterlySubmissionTable>)
        // Two first submissions at once: the row locked nothing to wait on, the unique key decides.
        .onConflict((c) => c.columns(['town_code', 'quarter']).doNothing())
        .returningAll()
        .executeTakeFirst();
  if (!row) throw conflict(`township ${before.townCode} submitted ${before.quarter} meanwhile: read it again`, null, { inResolver: true });
  await write.trx
    .insertInto('quarterly_submission_event')
    .values({
      submission_id: row.id,
      action: move.action,
      from_state: from,
      to_state: row.state,
      agency: principal.agency,
      level: principal.level,
      region_code: principal.region,
      subject: principal.subject,
      reason: move.input.reason ?? null,
      at: now,
    })
    .execute();
  write.changed({
    record: 'QuarterlySubmission',
    id: String(row.id),
    childId: null,
    change: before.row ? 'updated' : 'created',
    fields: typeof move.fields === 'function' ? move.fields(before) : move.fields,
    fromVersion: before.row?.version ?? null,
    toVersion: row.version,
  });
  return { submission: { townCode: before.townCode, quarter: before.quarter, row } };
}
