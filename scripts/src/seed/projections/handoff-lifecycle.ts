import { escalationPath, HANDOFF_CLOCKS, nextState, readClock, type HandoffAction, type HandoffKind, type HandoffState, type Party } from '@lbc/schema';
import { AS_OF } from '../world/world-days.ts';

/**
 * The moment the seeded hand-offs are read at: noon (China) of the day after the world's
 * as-of date, after every moment the world records (a police response may come hours
 * after a report of the last evening). Fixed, so the same world seeds the same clocks.
 */
export const SEED_NOW = new Date(Date.parse(`${AS_OF}T12:00:00+08:00`) + 24 * 3600_000);

/** What happened to a hand-off after it was sent: a party's action, or the hub's resolve. */
export type SeedStep =
  { action: 'accept'; at: Date } | { action: 'decline' | 'withdraw' | 'resolve'; at: Date; reason: string } | { action: 'complete'; at: Date; outcome: 'SUCCESSFUL' | 'UNSUCCESSFUL'; reason: string };

/** A hand-off of the synthetic world as it happened: who sent what, when, and the steps since. */
export interface SeedHandoff {
  id: string;
  kind: HandoffKind;
  childId: string;
  ticketId?: string | null;
  from: Party;
  fromSubject: string;
  to: Party;
  /** The person at the receiving unit who answered it. */
  toSubject: string;
  reason: string;
  note: string | null;
  service?: string | null;
  knewAt?: Date | null;
  sentAt: Date;
  /** Oldest first; each must be a transition the hub allows from the state before it. */
  steps: readonly SeedStep[];
}

const HISTORY_KIND = { accept: 'ACCEPTED', decline: 'DECLINED', complete: 'DONE', withdraw: 'WITHDRAWN', resolve: 'DONE' } as const satisfies Record<HandoffAction, string>;

/**
 * The `handoff` row and `handoff_event` lines of a seeded hand-off, as the hub would have
 * recorded them had it run through the world's history with its sweeper: every transition
 * raises the version and restarts the clock (answering while SENT, finishing once
 * ACCEPTED); a step that ran past due was escalated level by level (ESCALATED lines), and
 * the step still running at `now` carries the overdue mark, depth and next check that
 * `readClock` gives. Times are kept in order and never after `now`.
 */
export function handoffRecord(h: SeedHandoff, now: Date = SEED_NOW) {
  const clamp = (at: Date, after: Date) => new Date(Math.min(Math.max(at.getTime(), after.getTime()), now.getTime()));
  const sentAt = clamp(h.sentAt, new Date(0));
  const events = [event(h.id, 'SENT', sentAt, h.from, h.fromSubject, h.note)];
  let state: HandoffState = 'SENT';
  let stepStartedAt = sentAt;
  let answeredAt: Date | null = null;
  let finishedAt: Date | null = null;
  let outcome: 'SUCCESSFUL' | 'UNSUCCESSFUL' | null = null;
  let outcomeReason: string | null = null;
  const clockAt = (at: Date) => readClock({ kind: h.kind, state, stepStartedAt, level: h.to.level, region: h.to.region }, at);
  for (const step of h.steps) {
    const at = clamp(step.at, stepStartedAt);
    // What the sweeper recorded while this step ran, up to the moment it ended.
    events.push(...escalations(h, clockAt(new Date(at.getTime() - 1)), state));
    const after = nextState(state, step.action);
    if (state === 'SENT') answeredAt = at;
    const sender = step.action === 'withdraw';
    const hub = step.action === 'resolve';
    const reason = step.action === 'accept' ? null : step.reason;
    events.push(event(h.id, HISTORY_KIND[step.action], at, sender ? h.from : h.to, hub ? null : sender ? h.fromSubject : h.toSubject, reason));
    if (after !== 'ACCEPTED') {
      finishedAt = at;
      outcome = step.action === 'complete' ? step.outcome : step.action === 'resolve' ? 'SUCCESSFUL' : null;
      outcomeReason = reason;
    }
    state = after;
    stepStartedAt = at;
  }
  const clock = clockAt(now);
  events.push(...escalations(h, clock, state));
  const row = {
    id: h.id,
    kind: h.kind,
    child_id: h.childId,
    ticket_id: h.ticketId ?? null,
    from_agency: h.from.agency,
    from_level: h.from.level,
    from_region: h.from.region,
    from_org: h.from.org,
    from_subject: h.fromSubject,
    to_agency: h.to.agency,
    to_level: h.to.level,
    to_region: h.to.region,
    to_org: h.to.org,
    reason: h.reason,
    note: h.note,
    service: h.service ?? null,
    // The civil-affairs case id is that database's identity: the hub cannot name it without asking.
    case_id: null,
    knew_at: h.knewAt ?? null,
    // Seeded services run the kind's own target, the clock the sweeper reads.
    requested_due_at: null,
    state,
    version: 1 + h.steps.length,
    sent_at: sentAt,
    answered_at: answeredAt,
    finished_at: finishedAt,
    outcome,
    outcome_reason: outcomeReason,
    step_started_at: stepStartedAt,
    due_at: clock.dueAt,
    overdue_since: clock.overdue ? clock.dueAt : null,
    escalation_depth: clock.depth,
    next_check_at: clock.nextChangeAt,
  };
  return { row, events };
}

/** The ESCALATED lines of one step's reading: one per level it rose, at the moment the clock reached it. */
function escalations(h: SeedHandoff, clock: ReturnType<typeof readClock>, state: HandoffState) {
  if (!clock.overdue || !clock.dueAt) return [];
  const target = state === 'SENT' ? HANDOFF_CLOCKS[h.kind].answerWithinMs : HANDOFF_CLOCKS[h.kind].doneWithinMs;
  return escalationPath(h.to, clock.depth).map((place, i) => {
    const unit: Party = { agency: h.to.agency, ...place, org: null };
    return event(h.id, 'ESCALATED', new Date(clock.dueAt!.getTime() + i * target), unit, null, `overdue since ${clock.dueAt!.toISOString()}`);
  });
}

function event(handoffId: string, kind: 'SENT' | 'ACCEPTED' | 'DECLINED' | 'DONE' | 'WITHDRAWN' | 'ESCALATED', at: Date, by: Party, subject: string | null, note: string | null) {
  return { handoff_id: handoffId, kind, at, by_agency: by.agency, by_level: by.level, by_region: by.region, by_org: by.org, by_subject: subject, note };
}
