import type { Kysely, Transaction } from 'kysely';
import type { HandoffEventKind, HandoffsDB } from '../db-types.ts';
import type { Party } from '../parties.ts';

/** One line of a hand-off's history. */
export interface HistoryLine {
  handoffId: string;
  kind: HandoffEventKind;
  at: Date;
  by: Party;
  subject: string | null;
  note?: string | null | undefined;
}

/** Appends history lines in one statement. */
export async function writeHistory(trx: Transaction<HandoffsDB> | Kysely<HandoffsDB>, lines: readonly HistoryLine[]): Promise<void> {
  if (!lines.length) return;
  await trx
    .insertInto('handoff_event')
    .values(
      lines.map((l) => ({
        handoff_id: l.handoffId,
        kind: l.kind,
        at: l.at,
        by_agency: l.by.agency,
        by_level: l.by.level,
        by_region: l.by.region,
        by_org: l.by.org,
        by_subject: l.subject,
        note: l.note ?? null,
      })),
    )
    .execute();
}
