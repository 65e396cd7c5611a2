import type { Principal } from '@lbc/schema';
import { groupedLoader, keyedLoader, pagedListLoaderFamily, scopeOf, type Scope } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import type { HandoffEventRow, HandoffRow, HandoffsDB, HotlineFollowUpRow, HotlineTicketRow } from './db-types.ts';
import { openFindingsOfTowns, type RuleCount } from './quality/rule-counts.ts';
import { rulesFor } from './quality/finding-scope.ts';
import { mayReadTicket, partyToHandoff } from './visibility.ts';

/**
 * Per-request loaders, built for one principal: every statement carries the row rule (the
 * caller is a party to the hand-off, or may read the ticket), so nothing outside it is read.
 */
export function createLoaders(db: Kysely<HandoffsDB>, principal: Principal) {
  const party = partyToHandoff(principal);
  return {
    db,
    principal,
    scope: scopeOf(principal, 'audit') as Scope,
    handoff: keyedLoader<string, HandoffRow>(
      (ids) => db.selectFrom('handoff as h').selectAll('h').where('h.id', 'in', ids).where(party).execute(),
      (row) => row.id,
    ),
    history: groupedLoader<string, HandoffEventRow>(
      (ids) => db.selectFrom('handoff_event').selectAll().where('handoff_id', 'in', ids).orderBy('id').execute(),
      (row) => row.handoff_id,
    ),
    ticket: keyedLoader<string, HotlineTicketRow>(
      (ids) => db.selectFrom('hotline_ticket as t').selectAll('t').where('t.id', 'in', ids).where(mayReadTicket(principal)).execute(),
      (row) => row.id,
    ),
    transfers: groupedLoader<string, HandoffRow>(
      (ids) => db.selectFrom('handoff as h').selectAll('h').where('h.ticket_id', 'in', ids).where(party).orderBy('h.sent_at').orderBy('h.id').execute(),
      (row) => row.ticket_id!,
    ),
    followUps: groupedLoader<string, HotlineFollowUpRow>(
      (ids) => db.selectFrom('hotline_follow_up').selectAll().where('ticket_id', 'in', ids).orderBy('id').execute(),
      (row) => row.ticket_id,
    ),
    // A county's list of its towns' submissions asks for every town's warnings: one statement for all.
    townWarnings: groupedLoader<string, RuleCount & { town: string }>(
      (towns) => openFindingsOfTowns(db, towns, rulesFor(principal)),
      (row) => row.town,
    ),
    childHandoffs: pagedListLoaderFamily<HandoffRow>(db, { table: 'handoff', alias: 'h', parentColumn: 'child_id', orderBy: ['sent_at', 'id'], direction: 'desc', where: party }),
  };
}

export type HandoffsLoaders = ReturnType<typeof createLoaders>;
