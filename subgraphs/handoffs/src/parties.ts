import { divisionLevel, escalationPath, type Agency, type Party, type Principal } from '@lbc/schema';
import { inputRules } from '@lbc/subgraph-kit';
import type { HandoffRow } from './db-types.ts';

export type { Party } from '@lbc/schema';

/** The agencies a hand-off may be addressed to: every agency but the auditors. */
export const RECEIVING_AGENCIES: readonly Agency[] = ['civil_affairs', 'education', 'police', 'health', 'justice', 'youth_league', 'womens_federation'];

/** The unit a principal acts for. */
export function partyOf(principal: Principal): Party {
  return { agency: principal.agency, level: principal.level, region: principal.region, org: principal.org ?? null };
}

/** The receiving party as given in input, or the problem with it (for assertInput). */
export function partyProblem(input: { agency: string; regionCode: string; org?: string | null | undefined }): string | false {
  if (!RECEIVING_AGENCIES.includes(input.agency as Agency)) return 'agency must be one that receives hand-offs (not audit)';
  const level = divisionLevel(input.regionCode);
  if (level === null || level === 'province') return 'regionCode must be a city, county, township or village code';
  return inputRules.text(input.org, 64) || false;
}

/** A checked party input as a Party. */
export function partyFromInput(input: { agency: string; regionCode: string; org?: string | null | undefined }): Party {
  return { agency: input.agency as Agency, level: divisionLevel(input.regionCode)!, region: input.regionCode, org: input.org ?? null };
}

/** The receiving agency's units a hand-off is escalated to at `depth` levels up, nearest first. */
export function escalatedUnits(row: HandoffRow, depth: number): Party[] {
  return escalationPath({ level: row.to_level, region: row.to_region }, depth).map((unit) => ({ agency: row.to_agency, ...unit, org: null }));
}

/**
 * Whether `principal` acts for the receiving side of `row`: its agency, at the receiving
 * unit or above it (a county bureau may answer for its township, as escalation asks it to),
 * and for org-bound staff the receiving org itself.
 */
export function actsForReceiver(principal: Principal, row: HandoffRow): boolean {
  return actsFor(principal, { agency: row.to_agency, region: row.to_region, org: row.to_org });
}

/** Whether `principal` acts for the sending side of `row` (the same rule as the receiver's). */
export function actsForSender(principal: Principal, row: HandoffRow): boolean {
  return actsFor(principal, { agency: row.from_agency, region: row.from_region, org: row.from_org });
}

function actsFor(principal: Principal, side: { agency: Agency; region: string; org: string | null }): boolean {
  if (principal.agency !== side.agency || !side.region.startsWith(principal.region)) return false;
  return principal.org === undefined || principal.org === side.org;
}

/** The party columns of a side of a row, as the GraphQL HandoffParty. */
export function sideOf(row: HandoffRow, side: 'from' | 'to'): Party {
  return side === 'from'
    ? { agency: row.from_agency, level: row.from_level, region: row.from_region, org: row.from_org }
    : { agency: row.to_agency, level: row.to_level, region: row.to_region, org: row.to_org };
}
