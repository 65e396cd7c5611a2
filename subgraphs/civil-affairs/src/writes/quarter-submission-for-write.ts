import { conflict, holdsTown } from '@lbc/schema';
import { assertInput, outsideJurisdiction, type WriteTransaction } from '@lbc/subgraph-kit';
import type { CivilAffairsContext } from '../context.ts';
import type { CivilAffairsDB } from '../db-types.ts';
import type { QuarterSubmissionView } from '../quarterly/submission-view.ts';
import type { QuarterStepInput } from './quarter-input.ts';

/**
 * The submission a step is about, locked until the write commits (no row: OPEN, version 0):
 * the township must be one the region table holds (BAD_USER_INPUT) and inside the caller's
 * region (FORBIDDEN), both judged inside the transaction so nothing is written.
 */
export async function quarterSubmissionForWrite(write: WriteTransaction<CivilAffairsDB>, context: CivilAffairsContext, input: QuarterStepInput): Promise<QuarterSubmissionView> {
  const town = await write.trx.selectFrom('region').select('code').where('code', '=', input.townCode).where('level', '=', 'TOWN').executeTakeFirst();
  assertInput({ townCode: !town && `no township ${input.townCode}` });
  if (!holdsTown(context.principal, input.townCode)) throw outsideJurisdiction(`township ${input.townCode}`);
  const row = (await write.trx.selectFrom('quarterly_submission').selectAll().where('town_code', '=', input.townCode).where('quarter', '=', input.quarter).forUpdate().executeTakeFirst()) ?? null;
  return { townCode: input.townCode, quarter: input.quarter, row };
}

/** A step names the version it read: CONFLICT with the current one (0 while OPEN) when that is not it. */
export function assertVersionRead(submission: QuarterSubmissionView, expectedVersion: number): void {
  const version = submission.row?.version ?? 0;
  if (version === expectedVersion) return;
  throw conflict(`the ${submission.quarter} submission of township ${submission.townCode} is at version ${version}, not ${expectedVersion}: read it again`, version, { inResolver: true });
}
