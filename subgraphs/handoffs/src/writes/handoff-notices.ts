import { lockFeed } from '@lbc/subgraph-kit';
import type { Kysely, Transaction } from 'kysely';
import type { HandoffRow, HandoffsDB, NoticeReason } from '../db-types.ts';
import { sideOf, type Party } from '../parties.ts';

/** One notice to write: who is told, why, about which hand-off (as it stands after the change). */
export interface Notice {
  handoff: HandoffRow;
  reason: NoticeReason;
  to: Party;
  at: Date;
}

/**
 * What a notice carries to the agency system that subscribed: the hand-off's kind, state,
 * parties, derived reason and clock — the minimum an agency needs to pick it up. Never a
 * note or a ticket's summary: those are read through the graph, under its policy.
 */
export function noticePayload(notice: Notice): string {
  const h = notice.handoff;
  return JSON.stringify({
    reason: notice.reason,
    at: notice.at.toISOString(),
    handoff: {
      id: h.id,
      kind: h.kind,
      state: h.state,
      version: h.version,
      childId: h.child_id,
      ticketId: h.ticket_id,
      from: sideOf(h, 'from'),
      to: sideOf(h, 'to'),
      reason: h.reason,
      service: h.service,
      dueAt: h.due_at?.toISOString() ?? null,
      escalationDepth: h.escalation_depth,
    },
  });
}

/** Writes notices in one statement; they reach agency systems through the hub's push (feed order = seq). */
export async function writeNotices(trx: Transaction<HandoffsDB> | Kysely<HandoffsDB>, notices: readonly Notice[]): Promise<void> {
  if (!notices.length) return;
  await lockFeed(trx, 'handoff_notice');
  await trx
    .insertInto('handoff_notice')
    .values(
      notices.map((n) => ({
        handoff_id: n.handoff.id,
        at: n.at,
        reason: n.reason,
        agency: n.to.agency,
        level: n.to.level,
        region_code: n.to.region,
        org: n.to.org,
        payload: noticePayload(n),
      })),
    )
    .execute();
}
