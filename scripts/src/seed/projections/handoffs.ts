import type { HandoffsDB } from '@lbc/handoffs';
import type { Kysely } from 'kysely';
import { insertRows } from '../insert-rows.ts';
import type { SeedProjection } from '../seed-projection.ts';
import type { SyntheticChild } from '../world/synthetic-child.ts';
import { caseHandoffs } from './case-handoffs-world.ts';
import { writeChildPlaces } from './child-places.ts';
import { continueSequenceAfter } from './handoff-ids.ts';
import { handoffRecord, type SeedHandoff } from './handoff-lifecycle.ts';
import { dropoutReports, mandatoryReportHandoffs, unregisteredHandover } from './handoffs-world.ts';
import { hotlineTicketOf } from './hotline-tickets-world.ts';

/**
 * The hub's hand-offs: every child's places (routing), then the hand-offs of the seeded
 * world — mandatory reports and their emergency notices, unregistered children handed to
 * the police, written dropout reports, protection-case assessments and services — and its
 * 12355 tickets with their transfers, each where the world's records say it stands and
 * with the clock the hub's sweeper would have recorded by the seed's moment (SEED_NOW).
 */
export const handoffsProjection: SeedProjection<HandoffsDB> = {
  async prepare() {},
  async writeBatch(db, children) {
    await writeChildPlaces(db, children);
    await writeHandoffs(db, children);
  },
};

/**
 * The hand-offs of one child, derived from its records and index alone (the same child, the
 * same hand-offs). None for a child the registry does not hold: nobody has yet acted on it.
 */
export function handoffsOf(c: SyntheticChild): SeedHandoff[] {
  if (!c.inRegistry) return [];
  return [...mandatoryReportHandoffs(c), ...unregisteredHandover(c), ...dropoutReports(c), ...caseHandoffs(c)];
}

/**
 * Ids are explicit (the child's index and the hand-off's slot: unique across batches), so
 * history is written without reading ids back; each batch then moves the sequences past
 * them. No `handoff_notice` rows: the seeded world predates the hub's push, and agency
 * systems subscribing now must not be sent a backlog of notices about it.
 */
async function writeHandoffs(db: Kysely<HandoffsDB>, children: readonly SyntheticChild[]): Promise<void> {
  const tickets = children.flatMap((c) => (c.inRegistry ? (hotlineTicketOf(c) ?? []) : []));
  const records = [...children.flatMap(handoffsOf), ...tickets.flatMap((t) => t.transfer ?? [])].map((h) => handoffRecord(h));
  await insertRows(
    db,
    'hotline_ticket',
    tickets.map((t) => t.row),
  );
  await insertRows(
    db,
    'handoff',
    records.map((r) => r.row),
  );
  await insertRows(
    db,
    'handoff_event',
    records.flatMap((r) => r.events),
  );
  await insertRows(
    db,
    'hotline_follow_up',
    tickets.flatMap((t) => t.followUps),
  );
  await continueSequenceAfter(
    db,
    'handoff_number',
    records.map((r) => Number(r.row.id.slice(2))),
  );
  await continueSequenceAfter(
    db,
    'hotline_ticket_number',
    tickets.map((t) => Number(t.row.id.slice(2))),
  );
}
