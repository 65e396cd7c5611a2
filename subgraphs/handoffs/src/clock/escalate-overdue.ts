import { readClock } from '@lbc/schema';
import { sql, type Kysely } from 'kysely';
import type { HandoffRow, HandoffsDB } from '../db-types.ts';
import { escalatedUnits } from '../parties.ts';
import { writeHistory, type HistoryLine } from '../writes/handoff-history.ts';
import { writeNotices, type Notice } from '../writes/handoff-notices.ts';

/** What one sweep changed. */
export interface EscalationRound {
  checked: number;
  escalated: number;
  markedOverdue: number;
}

/**
 * The hub's clock, applied: every open hand-off whose clock changes by `now` (due, or one
 * more period overdue) is read again and what it says is recorded as it happens — marked
 * overdue, raised to the same agency's next level up (town → county → city) with a history
 * line and a notice to that unit. Rows a transition holds are skipped and swept next time.
 * One transaction; one statement each to read, update, and write history and notices.
 */
export async function escalateOverdue(db: Kysely<HandoffsDB>, now: Date, limit: number): Promise<EscalationRound> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('handoff')
      .selectAll()
      .where('next_check_at', '<=', now)
      .where('state', 'in', ['SENT', 'ACCEPTED'])
      .orderBy('next_check_at')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (!due.length) return { checked: 0, escalated: 0, markedOverdue: 0 };
    const history: HistoryLine[] = [];
    const notices: Notice[] = [];
    let escalated = 0;
    let markedOverdue = 0;
    const changes = due.map((row) => {
      const clock = readClock({ kind: row.kind, state: row.state, stepStartedAt: row.step_started_at, level: row.to_level, region: row.to_region, dueAt: row.due_at }, now);
      const overdueSince = row.overdue_since ?? (clock.overdue ? clock.dueAt : null);
      if (overdueSince && !row.overdue_since) markedOverdue++;
      const after: HandoffRow = { ...row, overdue_since: overdueSince, escalation_depth: Math.max(row.escalation_depth, clock.depth), next_check_at: clock.nextChangeAt };
      for (const unit of escalatedUnits(row, clock.depth).slice(row.escalation_depth)) {
        history.push({ handoffId: row.id, kind: 'ESCALATED', at: now, by: unit, subject: null, note: `overdue since ${overdueSince!.toISOString()}` });
        notices.push({ handoff: after, reason: 'ESCALATED', to: unit, at: now });
      }
      if (clock.depth > row.escalation_depth) escalated++;
      return after;
    });
    await sql`
      update handoff h set
        overdue_since = v.overdue_since::timestamptz,
        escalation_depth = v.escalation_depth::smallint,
        next_check_at = v.next_check_at::timestamptz
      from (values ${sql.join(changes.map((c) => sql`(${c.id}, ${c.overdue_since?.toISOString() ?? null}, ${c.escalation_depth}, ${c.next_check_at?.toISOString() ?? null})`))})
        as v(id, overdue_since, escalation_depth, next_check_at)
      where h.id = v.id`.execute(trx);
    await writeHistory(trx, history);
    await writeNotices(trx, notices);
    return { checked: due.length, escalated, markedOverdue };
  });
}
