import { codeAtLevel, type AdminLevel } from '../identifiers/division-code.ts';
import { HANDOFF_CLOCKS } from './handoff-clocks.ts';
import type { HandoffKind } from './handoff-kinds.ts';
import { isFinal, type HandoffState } from './handoff-states.ts';

/** One level up, for a hand-off nobody at its level answered in time; the city is as high as it goes. */
const UP: Partial<Record<AdminLevel, AdminLevel>> = { village: 'town', town: 'county', county: 'city' };

/** What a hand-off's clock says at a moment: when its current step is due, and who should see it overdue. */
export interface ClockReading {
  dueAt: Date | null;
  overdue: boolean;
  /** The receiving level, raised one level for each whole target period overdue (town → county → city). */
  escalatedTo: { level: AdminLevel; region: string } | null;
  /** How many levels up it is escalated (0: none). */
  depth: number;
  /** When the reading next changes (due, or one more level up); null when it cannot any more. */
  nextChangeAt: Date | null;
}

/**
 * Reads a hand-off's clock at `now`. The step that runs is answering while SENT and
 * finishing once ACCEPTED, each from the moment it began; final states run no clock.
 * Once overdue, the same agency one level up sees it (a town's hand-off reaches the
 * county); a further whole target period later, two levels up; never above the city.
 * `region` is the receiver's division code: a level up is its prefix. `dueAt`, when the step
 * has one of its own, replaces the kind's target for when it falls due.
 */
export function readClock(hand: { kind: HandoffKind; state: HandoffState; stepStartedAt: Date; level: AdminLevel; region: string; dueAt?: Date | null | undefined }, now: Date): ClockReading {
  if (isFinal(hand.state)) return { dueAt: null, overdue: false, escalatedTo: null, depth: 0, nextChangeAt: null };
  const clock = HANDOFF_CLOCKS[hand.kind];
  const target = hand.state === 'SENT' ? clock.answerWithinMs : clock.doneWithinMs;
  // A step given its own due time (a service arranged for a date) keeps it; escalation still moves by the kind's period.
  const dueAt = hand.dueAt ?? new Date(hand.stepStartedAt.getTime() + target);
  const late = now.getTime() - dueAt.getTime();
  if (late <= 0) return { dueAt, overdue: false, escalatedTo: null, depth: 0, nextChangeAt: dueAt };
  const periods = Math.floor(late / target) + 1;
  const path = escalationPath(hand, periods);
  const escalatedTo = path.at(-1) ?? null;
  // One more level up after the next whole period, unless the city (or the receiver's own level) is the ceiling.
  const nextChangeAt = UP[escalatedTo?.level ?? hand.level] ? new Date(dueAt.getTime() + periods * target) : null;
  return { dueAt, overdue: true, escalatedTo, depth: path.length, nextChangeAt };
}

/**
 * The levels a hand-off received at `level` and `region` reaches when escalated `depth`
 * times, nearest first: one level up each time, never above the city (so possibly fewer).
 */
export function escalationPath(hand: { level: AdminLevel; region: string }, depth: number): { level: AdminLevel; region: string }[] {
  const path: { level: AdminLevel; region: string }[] = [];
  for (let level = UP[hand.level]; level && path.length < depth; level = UP[level]) path.push({ level, region: codeAtLevel(hand.region, level) });
  return path;
}
