import { conflict, forbidden, HANDOFF_CLOCKS, nextState, type HandoffAction } from '@lbc/schema';
import { assertInput, inputRules, runWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { HandoffResult } from '../resolvers/payloads.ts';
import type { HandoffOutcomeValue, HandoffRow, HandoffsDB } from '../db-types.ts';
import { actsForReceiver, actsForSender, partyOf, sideOf } from '../parties.ts';
import { followOns } from './follow-ons.ts';
import { handoffForWrite } from './handoff-for-write.ts';
import { writeHistory } from './handoff-history.ts';
import { writeNotices } from './handoff-notices.ts';

/** A party's answer to a hand-off. */
export interface TransitionInput {
  id: string;
  expectedVersion: number;
  action: Exclude<HandoffAction, 'resolve'>;
  /** accept: a note; decline, withdraw, complete: the reason (required). */
  note?: string | null | undefined;
  outcome?: HandoffOutcomeValue;
}

const HISTORY_KIND = { accept: 'ACCEPTED', decline: 'DECLINED', complete: 'DONE', withdraw: 'WITHDRAWN' } as const;

/**
 * One transition by a party: the receiving unit accepts, declines or completes; the sending
 * unit withdraws. The version read must still be current (CONFLICT), the transition must
 * apply to the state (INVALID_TRANSITION); the other side is told. Completing runs the
 * mechanism's next step (followOns), in the same transaction.
 */
export function transitionHandoff(context: HandoffsContext, info: GraphQLResolveInfo, input: TransitionInput): Promise<HandoffResult> {
  const needsReason = input.action !== 'accept';
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        expectedVersion: inputRules.version(input.expectedVersion),
        [needsReason ? 'reason' : 'note']: inputRules.text(input.note, 500, { required: needsReason }),
      }),
    async execute(write) {
      const now = new Date();
      const row = await handoffForWrite(write, context, input.id);
      const sender = input.action === 'withdraw';
      if (!(sender ? actsForSender : actsForReceiver)(context.principal, row)) {
        throw forbidden(`only the ${sender ? 'sending' : 'receiving'} unit may ${input.action} hand-off ${row.id}`, { reason: sender ? 'NOT_THE_SENDER' : 'NOT_THE_RECEIVER', inResolver: true });
      }
      if (row.version !== input.expectedVersion) throw conflict(`hand-off ${row.id} is at version ${row.version}, not ${input.expectedVersion}: read it again`, row.version, { inResolver: true });
      const state = nextState(row.state, input.action);
      const updated = await applyTransition(write, row, state, { outcome: input.outcome ?? null, reason: needsReason ? (input.note ?? null) : null }, now);
      await writeHistory(write.trx, [{ handoffId: row.id, kind: HISTORY_KIND[input.action], at: now, by: partyOf(context.principal), subject: context.principal.subject, note: input.note }]);
      await writeNotices(write.trx, [{ handoff: updated, reason: NOTICE_REASON[input.action], to: sideOf(updated, sender ? 'to' : 'from'), at: now }]);
      if (state === 'DONE') await followOns(write, updated, context.principal.subject, now);
      return { handoffId: row.id, childId: row.child_id };
    },
  });
}

const NOTICE_REASON = { accept: 'ANSWERED', decline: 'ANSWERED', complete: 'FINISHED', withdraw: 'WITHDRAWN' } as const;

/**
 * Moves a locked hand-off to `state` and restarts its clock: accepting starts the finishing
 * step, a final state stops the clock. Overdue marks and escalation belong to the step that
 * ran late, so they clear. Reports the change for the audit entry.
 */
export async function applyTransition(
  write: WriteTransaction<HandoffsDB>,
  row: HandoffRow,
  state: HandoffRow['state'],
  result: { outcome: HandoffOutcomeValue | null; reason: string | null },
  now: Date,
): Promise<HandoffRow> {
  const accepted = state === 'ACCEPTED';
  // A service arranged with its own due date keeps it; every other step runs the kind's target.
  const dueAt = accepted ? (row.requested_due_at ?? new Date(now.getTime() + HANDOFF_CLOCKS[row.kind].doneWithinMs)) : null;
  const updated = await write.trx
    .updateTable('handoff')
    .set({
      state,
      version: row.version + 1,
      ...(row.state === 'SENT' ? { answered_at: now } : {}),
      ...(accepted ? {} : { finished_at: now, outcome: state === 'DONE' ? result.outcome : null, outcome_reason: result.reason }),
      step_started_at: now,
      due_at: dueAt,
      next_check_at: dueAt,
      overdue_since: null,
      escalation_depth: 0,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  write.changed({ record: 'Handoff', id: row.id, childId: row.child_id, change: 'updated', fields: ['state', 'dueAt'], fromVersion: row.version, toVersion: updated.version });
  return updated;
}
