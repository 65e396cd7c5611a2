import { HANDOFF_CLOCKS, type HandoffKind } from '@lbc/schema';
import type { WriteTransaction } from '@lbc/subgraph-kit';
import type { HandoffRow, HandoffsDB } from '../db-types.ts';
import type { Party } from '../parties.ts';
import { writeHistory } from './handoff-history.ts';
import { writeNotices, type Notice } from './handoff-notices.ts';

/** A hand-off as a mechanism sends it. */
export interface NewHandoff {
  kind: HandoffKind;
  childId: string | null;
  ticketId?: string | null;
  from: Party;
  /** The person (token subject) who sent it: a report records who knew, and who told. */
  fromSubject: string;
  to: Party;
  reason: string;
  note?: string | null | undefined;
  service?: string | null;
  caseId?: string | null;
  knewAt?: Date | null;
  /** When the sender wants it done (a service's due date). */
  requestedDueAt?: Date | null;
  /** Units told of it beside the receiver (the county above a township, say). */
  copyTo?: readonly Party[];
}

/**
 * Sends hand-offs: one statement for the rows, one for their history, one for the notices
 * (the receiver, and whoever is copied). The clock starts now: answering is due by the
 * kind's target. Recorded for the audit entry like any write.
 */
export async function sendHandoffs(write: WriteTransaction<HandoffsDB>, sends: readonly NewHandoff[], now: Date = new Date()): Promise<HandoffRow[]> {
  if (!sends.length) return [];
  const rows = await write.trx
    .insertInto('handoff')
    .values(
      sends.map((s) => {
        const dueAt = new Date(now.getTime() + HANDOFF_CLOCKS[s.kind].answerWithinMs);
        return {
          kind: s.kind,
          child_id: s.childId,
          ticket_id: s.ticketId ?? null,
          from_agency: s.from.agency,
          from_level: s.from.level,
          from_region: s.from.region,
          from_org: s.from.org,
          from_subject: s.fromSubject,
          to_agency: s.to.agency,
          to_level: s.to.level,
          to_region: s.to.region,
          to_org: s.to.org,
          reason: s.reason,
          note: s.note ?? null,
          service: s.service ?? null,
          case_id: s.caseId ?? null,
          knew_at: s.knewAt ?? null,
          requested_due_at: s.requestedDueAt ?? null,
          sent_at: now,
          step_started_at: now,
          due_at: dueAt,
          next_check_at: dueAt,
        };
      }),
    )
    .returningAll()
    .execute();
  await writeHistory(
    write.trx,
    rows.map((row, i) => ({ handoffId: row.id, kind: 'SENT', at: now, by: sends[i]!.from, subject: sends[i]!.fromSubject, note: row.note })),
  );
  const notices: Notice[] = rows.flatMap((row, i) => [
    { handoff: row, reason: 'ADDRESSED' as const, to: sends[i]!.to, at: now },
    ...(sends[i]!.copyTo ?? []).map((to) => ({ handoff: row, reason: 'COPIED' as const, to, at: now })),
  ]);
  await writeNotices(write.trx, notices);
  for (const row of rows) {
    write.changed({ record: 'Handoff', id: row.id, childId: row.child_id, change: 'created', fields: ['kind', 'from', 'to', 'reason', 'state', 'dueAt'], fromVersion: null, toVersion: 1 });
  }
  return rows;
}
