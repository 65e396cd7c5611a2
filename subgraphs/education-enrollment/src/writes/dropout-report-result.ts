import type { DropoutReportRow } from '../db-types.ts';

/** What a dropout write's payload is resolved from (and a retry answered with): the report as it is after the write. */
export interface DropoutReportResult {
  dropoutReport: DropoutReportRow;
  childId: string;
}
