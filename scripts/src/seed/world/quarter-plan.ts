import { codeAtLevel, quarterStep, type AdminLevel, type QuarterAction, type QuarterState, type QuarterVerifier } from '@lbc/schema';
import type { Places } from './places.ts';

/** One step of a township's quarterly submission: who did what. */
export interface QuarterPlanStep {
  action: QuarterAction;
  agency: 'civil_affairs' | 'education' | 'police';
  level: AdminLevel;
}

/** What happened to one township's submission for one quarter, and where it stands by the seed's moment. */
export interface TownQuarterPlan {
  townCode: string;
  quarter: string;
  /** The town's position among the towns of its county (by code): spaces the times out. */
  ordinal: number;
  /** Oldest first; empty for a township that has not submitted (OPEN). */
  steps: readonly QuarterPlanStep[];
  /** The state after each step. */
  states: readonly QuarterState[];
  /** The first submission came after the deadline. */
  late: boolean;
  state: QuarterState;
  verifiedBy: readonly QuarterVerifier[];
}

/** The quarters the seeded world has submissions for: the last finished one, and the one being reported on. */
export const PLANNED_QUARTERS = ['2024-Q2', '2024-Q3'] as const;

const step = (action: QuarterAction, agency: QuarterPlanStep['agency'], level: AdminLevel): QuarterPlanStep => ({ action, agency, level });
const SUBMIT = step('SUBMIT', 'civil_affairs', 'town');
const VERIFY_EDUCATION = step('VERIFY', 'education', 'county');
const VERIFY_POLICE = step('VERIFY', 'police', 'county');
const APPROVE = step('APPROVE', 'civil_affairs', 'county');
const ACCEPT = step('ACCEPT', 'civil_affairs', 'city');

/** 2024-Q2, long done: accepted by the city or approved by the county; one in five returned once and submitted again. */
const Q2_HISTORIES: readonly (readonly QuarterPlanStep[])[] = [
  [SUBMIT, VERIFY_EDUCATION, VERIFY_POLICE, APPROVE, ACCEPT],
  [SUBMIT, VERIFY_POLICE, VERIFY_EDUCATION, APPROVE, ACCEPT],
  [SUBMIT, VERIFY_EDUCATION, VERIFY_POLICE, APPROVE],
  [SUBMIT, step('RETURN', 'civil_affairs', 'county'), SUBMIT, VERIFY_EDUCATION, VERIFY_POLICE, APPROVE, ACCEPT],
  [SUBMIT, VERIFY_POLICE, VERIFY_EDUCATION, APPROVE, ACCEPT],
];

/**
 * 2024-Q3, on the morning of the seed's day (the first day of reporting): every state of
 * the cycle, OPEN (no submission yet) and RETURNED twice as often as the others.
 */
const Q3_HISTORIES: readonly (readonly QuarterPlanStep[])[] = [
  [SUBMIT, VERIFY_EDUCATION, VERIFY_POLICE, APPROVE, ACCEPT],
  [SUBMIT],
  [SUBMIT, step('RETURN', 'education', 'county')],
  [SUBMIT, VERIFY_POLICE, VERIFY_EDUCATION, APPROVE],
  [],
  [SUBMIT, VERIFY_EDUCATION, VERIFY_POLICE],
  [SUBMIT, VERIFY_POLICE],
  [SUBMIT, VERIFY_EDUCATION, VERIFY_POLICE, step('RETURN', 'civil_affairs', 'county')],
  [],
];

const plans = new WeakMap<Places, Map<string, TownQuarterPlan>>();

/**
 * Each township's submissions in the seeded world, by `${townCode} ${quarter}`: a pure
 * function of the places (a town's position in its county, shifted by the county's code),
 * so the registry's reviews (fewer where a township has not submitted or was sent back)
 * and the submissions agree without either reading the other.
 */
export function quarterPlans(places: Places): ReadonlyMap<string, TownQuarterPlan> {
  const cached = plans.get(places);
  if (cached) return cached;
  const byTown = new Map<string, TownQuarterPlan>();
  const towns = [...places.townSeat.keys()].sort();
  for (const townCode of towns) {
    const county = townCode.slice(0, 6);
    const ordinal = towns.filter((t) => t.startsWith(county) && t < townCode).length;
    const shift = Number(county) % Q3_HISTORIES.length;
    byTown.set(`${townCode} 2024-Q2`, planned(townCode, '2024-Q2', ordinal, Q2_HISTORIES[ordinal % Q2_HISTORIES.length]!, ordinal % 4 === 1));
    byTown.set(`${townCode} 2024-Q3`, planned(townCode, '2024-Q3', ordinal, Q3_HISTORIES[(ordinal + shift) % Q3_HISTORIES.length]!, false));
  }
  plans.set(places, byTown);
  return byTown;
}

/** A township's plan for `quarter`; an unplanned quarter or township is OPEN. */
export function quarterPlanOf(places: Places, townCode: string, quarter: string): TownQuarterPlan {
  return quarterPlans(places).get(`${townCode} ${quarter}`) ?? { townCode, quarter, ordinal: 0, steps: [], states: [], late: false, state: 'OPEN', verifiedBy: [] };
}

/** Replays the steps through the cycle's own rule (quarterStep): the plan cannot describe a move the hub would refuse. */
function planned(townCode: string, quarter: string, ordinal: number, steps: readonly QuarterPlanStep[], late: boolean): TownQuarterPlan {
  let state: QuarterState = 'OPEN';
  let verifiedBy: readonly QuarterVerifier[] = [];
  const states: QuarterState[] = [];
  for (const s of steps) {
    const result = quarterStep(s.action, { agency: s.agency, level: s.level, region: codeAtLevel(townCode, s.level) }, { townCode, state, verifiedBy });
    if (!result.ok) throw new Error(`seed plan for ${townCode} ${quarter}: ${result.reason}`);
    state = result.to;
    verifiedBy = result.verifiedBy;
    states.push(state);
  }
  return { townCode, quarter, ordinal, steps, states, late, state, verifiedBy };
}
