import { HANDOFF_CLOCKS } from '@lbc/schema';
import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HandoffsContext } from '../context.ts';
import type { HandoffResult } from '../resolvers/payloads.ts';
import type { FileMandatoryReportInput } from '../generated/resolvers-types.ts';
import { partyOf } from '../parties.ts';
import { childForHandoff, homeOf } from './child-for-handoff.ts';
import { sendHandoffs } from './send-handoffs.ts';

/** How far ahead of the hub's clock a reporter's clock may run before `knewAt` counts as the future. */
const CLOCK_SKEW_MS = 5 * 60_000;
/** A report of something learned more than a year ago is a typing error, not a report. */
const OLDEST_KNEW_AT_MS = 366 * 24 * 3600_000;

/**
 * 强制报告: the report goes to the police station of the child's household registration, or,
 * when the hub knows none, to the police of the township the child lives in. The reporter
 * (the token's subject and unit) and when they knew are recorded with it.
 */
export function fileMandatoryReport(context: HandoffsContext, info: GraphQLResolveInfo, input: FileMandatoryReportInput): Promise<HandoffResult> {
  const now = new Date();
  const knewAt = new Date(input.knewAt);
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        knewAt: (knewAt.getTime() > now.getTime() + CLOCK_SKEW_MS && 'is in the future') || (now.getTime() - knewAt.getTime() > OLDEST_KNEW_AT_MS && 'is more than a year ago'),
        note: inputRules.text(input.note, 500),
      }),
    async execute(write) {
      const child = await childForHandoff(write, context, input.childId);
      const station = child.station_id && child.registration_code ? { region: child.registration_code.slice(0, 9), org: child.station_id } : null;
      const town = station?.region ?? homeOf(child).slice(0, 9);
      const [report] = await sendHandoffs(
        write,
        [
          {
            kind: 'MANDATORY_REPORT',
            childId: child.child_id,
            from: partyOf(context.principal),
            fromSubject: context.principal.subject,
            to: { agency: 'police', level: 'town', region: town, org: station?.org ?? null },
            reason: input.situation,
            note: input.note,
            knewAt,
          },
        ],
        now,
      );
      return { handoffId: report!.id, childId: child.child_id };
    },
  });
}

/** Whether a report was filed later than the hour 'at once' is read as (the report's answering target). */
export function reportedLate(knewAt: Date | null, sentAt: Date): boolean | null {
  return knewAt === null ? null : sentAt.getTime() - knewAt.getTime() > HANDOFF_CLOCKS.MANDATORY_REPORT.answerWithinMs;
}
