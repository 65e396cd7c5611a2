import type { HubEvent } from '@lbc/subgraph-kit';
import { nextState } from '@lbc/schema';
import { sql, type Transaction } from 'kysely';
import type { HandoffRow, HandoffsDB } from '../db-types.ts';
import { sideOf } from '../parties.ts';
import { writeHistory } from '../writes/handoff-history.ts';
import { writeNotices } from '../writes/handoff-notices.ts';

/**
 * An exchange handler that closes the open hand-offs of `kind` about the children of the
 * events as DONE and successful: the agency that acts recorded the outcome itself (an ID
 * number issued, a child back at school), so the matter is done whoever had answered. The
 * sender is told. One statement each to close them, and to write their history and notices.
 */
export function resolveOnEvent(kind: 'UNREGISTERED_HANDOVER' | 'DROPOUT_REPORT' | 'DISCOVERY', outcome: (event: HubEvent) => string) {
  return async (trx: Transaction<HandoffsDB>, events: HubEvent[]): Promise<void> => {
    const reasonOf = new Map(events.map((e) => [e.childId, outcome(e)]));
    const now = new Date();
    // The update locks the open hand-offs it closes; a transition waiting on one then finds it final.
    const { rows: done } = await sql<HandoffRow>`
      update handoff h set
        state = ${nextState('SENT', 'resolve')},
        version = h.version + 1,
        answered_at = coalesce(h.answered_at, ${now}),
        finished_at = ${now},
        outcome = 'SUCCESSFUL',
        outcome_reason = v.reason,
        step_started_at = ${now},
        due_at = null,
        next_check_at = null,
        overdue_since = null,
        escalation_depth = 0
      from (values ${sql.join([...reasonOf].map(([child, reason]) => sql`(${child}, ${reason})`))}) as v(child_id, reason)
      where h.child_id = v.child_id and h.kind = ${kind} and h.state in ('SENT', 'ACCEPTED')
      returning h.*`.execute(trx);
    await writeHistory(
      trx,
      done.map((h) => ({ handoffId: h.id, kind: 'DONE' as const, at: now, by: sideOf(h, 'to'), subject: null, note: h.outcome_reason })),
    );
    await writeNotices(
      trx,
      done.map((h) => ({ handoff: h, reason: 'FINISHED' as const, to: sideOf(h, 'from'), at: now })),
    );
  };
}
