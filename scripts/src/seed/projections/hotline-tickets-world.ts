import { unitAt } from '@lbc/schema';
import type { SyntheticChild } from '../world/synthetic-child.ts';
import { handoffId, handoffNumber, HANDOFF_SLOT, ticketId, ticketNumber } from './handoff-ids.ts';
import { SEED_NOW, type SeedHandoff, type SeedStep } from './handoff-lifecycle.ts';
import { subjectOf } from './handoff-parties.ts';
import { SITUATION } from './handoffs-world.ts';
import { chinaTime, DAY, HOUR, plus } from './seed-times.ts';

/** One child in this many has had a 12355 call about it (the one at this offset of each run). */
export const HOTLINE_EVERY = 40;
const HOTLINE_OFFSET = 19;
const CALLERS = ['PARENT', 'RELATIVE', 'TEACHER', 'NEIGHBOUR', 'ANONYMOUS', 'CHILD', 'OTHER'] as const;
const STATUSES = ['OPEN', 'TRANSFERRED', 'CLOSED'] as const;
/** What the operator wrote down, by what the call was about. */
const SUMMARY: Record<(typeof SITUATION)[keyof typeof SITUATION] | 'HOTLINE_CALL', string> = {
  LIVING_ALONE: '来电反映该儿童独自在家，无人照料，请核实',
  MISSING: '来电反映该儿童多日未见，请核实',
  GUARDIAN_CANNOT_ACT: '来电反映该儿童监护人无力照料，请核实',
  SUSPECTED_VIOLENCE: '来电反映该儿童疑似遭受家庭暴力，请核实',
  HOTLINE_CALL: '来电反映该儿童近期情绪低落，请关注',
};

/** A seeded 12355 ticket: its row, its follow-up calls, and its transfer when it has one. */
export interface SeedTicket {
  row: {
    id: string;
    opened_at: Date;
    opened_by: string;
    owner_region: string;
    region_code: string;
    caller: string;
    child_id: string;
    situation: string | null;
    summary: string;
    status: (typeof STATUSES)[number];
    version: number;
    closed_at: Date | null;
    outcome: string | null;
  };
  followUps: { ticket_id: string; at: Date; by_subject: string; note: string }[];
  transfer: SeedHandoff | null;
}

/**
 * 12355: a call about every fortieth child, taken by the Youth League of its county. In
 * turn the ticket is still OPEN (no transfer yet), TRANSFERRED to the township's civil
 * affairs (the transfer SENT or ACCEPTED), or CLOSED once that transfer was done.
 */
export function hotlineTicketOf(c: SyntheticChild): SeedTicket | null {
  if (c.index % HOTLINE_EVERY !== HOTLINE_OFFSET) return null;
  const round = Math.floor(c.index / HOTLINE_EVERY);
  const status = STATUSES[round % STATUSES.length]!;
  const league = unitAt('youth_league', c.countyCode, 'county');
  const operator = subjectOf(league);
  const id = ticketId(ticketNumber(c.index));
  // Within the last two months, and not before the child was known.
  const openedAt = new Date(Math.max(chinaTime(c.registeredOn, 10).getTime(), plus(SEED_NOW, -(1 + (c.index % 60)) * DAY).getTime()));
  const situation = c.mandatoryReport ? SITUATION[c.mandatoryReport.category] : c.flags.deFactoUnsupported || !c.guardian ? 'LIVING_ALONE' : null;
  const township = unitAt('civil_affairs', c.villageCode, 'town');
  const sentAt = plus(openedAt, 2 * HOUR);
  const acceptedAt = plus(sentAt, 3 * HOUR);
  const doneAt = plus(acceptedAt, 3 * DAY);
  const steps: SeedStep[] =
    status === 'CLOSED'
      ? [
          { action: 'accept', at: acceptedAt },
          { action: 'complete', at: doneAt, outcome: 'SUCCESSFUL', reason: 'home visit made; the guardian was advised' },
        ]
      : round % 2
        ? [{ action: 'accept', at: acceptedAt }]
        : [];
  const transfer: SeedHandoff | null =
    status === 'OPEN'
      ? null
      : {
          id: handoffId(handoffNumber(c.index, HANDOFF_SLOT.HOTLINE_TRANSFER)),
          kind: 'HOTLINE_TRANSFER',
          childId: c.id,
          ticketId: id,
          from: league,
          fromSubject: operator,
          to: township,
          toSubject: subjectOf(township),
          reason: situation ?? 'HOTLINE_CALL',
          note: 'hotline call: please check on the child',
          sentAt,
          steps,
        };
  // Closed an hour after the transfer was done, never after the seed's moment.
  const closedAt = status === 'CLOSED' ? new Date(Math.min(plus(doneAt, HOUR).getTime(), SEED_NOW.getTime())) : null;
  const followUps =
    status === 'TRANSFERRED'
      ? [{ ticket_id: id, at: new Date(Math.min(plus(sentAt, DAY).getTime(), SEED_NOW.getTime())), by_subject: operator, note: 'called the township: the case is being looked into' }]
      : closedAt
        ? [{ ticket_id: id, at: closedAt, by_subject: operator, note: 'the caller was told what the township did' }]
        : [];
  return {
    row: {
      id,
      opened_at: openedAt,
      opened_by: operator,
      owner_region: league.region,
      region_code: c.villageCode,
      caller: CALLERS[round % CALLERS.length]!,
      child_id: c.id,
      situation,
      summary: SUMMARY[situation ?? 'HOTLINE_CALL'],
      status,
      // Opened (1), transferred (2), closed (3).
      version: 1 + STATUSES.indexOf(status),
      closed_at: closedAt,
      outcome: closedAt ? 'RESOLVED' : null,
    },
    followUps,
    transfer,
  };
}
