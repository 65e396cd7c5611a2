import { quarterBounds } from '@lbc/schema';
import { assertInput, inputRules, todayInChina } from '@lbc/subgraph-kit';

/** The input every step of the quarterly cycle takes; a return and an undo also a reason. */
export interface QuarterStepInput {
  townCode: string;
  quarter: string;
  expectedVersion: number;
  reason?: string | null | undefined;
}

/**
 * The input's own rules, before anything is opened: a 9-digit township code, a quarter that
 * has begun (China time: a township reports on a quarter while it runs or after), the
 * version read (0 while the township has not submitted), and the reason where one is due.
 */
export function assertQuarterInput(input: QuarterStepInput, needsReason: boolean): void {
  const malformed = inputRules.quarter(input.quarter);
  assertInput({
    townCode: input.townCode.length !== 9 && 'must be a 9-digit township code',
    quarter: malformed || (quarterBounds(input.quarter).start > todayInChina() && `${input.quarter} has not begun`),
    expectedVersion: (!Number.isInteger(input.expectedVersion) || input.expectedVersion < 0) && 'must be the version you read (0 for a township that has not submitted)',
    ...(needsReason ? { reason: inputRules.text(input.reason, 500, { required: true }) } : {}),
  });
}
