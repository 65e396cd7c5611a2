import { badUserInput, notFound, type Principal } from '@lbc/schema';
import { inputRules, outsideJurisdiction } from '@lbc/subgraph-kit';
import type { CivilAffairsContext } from '../context.ts';
import { submissionKey, type QuarterSubmissionView } from './submission-view.ts';

/** A quarter argument of a read: BAD_USER_INPUT naming it unless like 2026-Q3. */
export function assertQuarterArgument(quarter: string, argumentName = 'quarter'): void {
  const problem = inputRules.quarter(quarter);
  if (problem) throw badUserInput(`${argumentName}: ${problem}`, { argumentName, inResolver: true });
}

/**
 * The row rule of a township's submission: any agency whose region holds the township (the
 * township itself or a region above it), or lies in it (its villages). Auditors read none.
 */
export function mayReadTown(principal: Principal, townCode: string): boolean {
  return principal.agency !== 'audit' && (townCode.startsWith(principal.region) || principal.region.startsWith(townCode));
}

/**
 * The submission of a township for a quarter, as a caller may read it: the arguments checked
 * (BAD_USER_INPUT), the row rule (FORBIDDEN), the township known to the region table
 * (NOT_FOUND); OPEN (no row) when the township has not submitted.
 */
export async function readableSubmission(context: CivilAffairsContext, townCode: string, quarter: string): Promise<QuarterSubmissionView> {
  if (townCode.length !== 9) throw badUserInput('townCode: must be a 9-digit township code', { argumentName: 'townCode', inResolver: true });
  assertQuarterArgument(quarter);
  if (!mayReadTown(context.principal, townCode)) throw outsideJurisdiction(`township ${townCode}`);
  const town = await context.loaders.regionByCode.load(townCode);
  if (town?.level !== 'TOWN') throw notFound(`no township ${townCode}`, { inResolver: true });
  return { townCode, quarter, row: await context.loaders.quarterSubmission.load(submissionKey(townCode, quarter)) };
}
