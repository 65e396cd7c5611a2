import type { WriteTransaction } from '@lbc/subgraph-kit';
import type { HandoffsDB, HotlineTicketRow } from '../db-types.ts';

/** Appends a follow-up note to a ticket (never edited) and reports it for the audit entry. */
export async function appendFollowUp(write: WriteTransaction<HandoffsDB>, ticket: HotlineTicketRow, subject: string, note: string): Promise<void> {
  const followUp = await write.trx.insertInto('hotline_follow_up').values({ ticket_id: ticket.id, by_subject: subject, note }).returning('id').executeTakeFirstOrThrow();
  write.changed({ record: 'HotlineFollowUp', id: String(followUp.id), childId: ticket.child_id, change: 'created', fields: ['note'], fromVersion: null, toVersion: null });
}
