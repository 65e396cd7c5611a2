import { assertInput, type WriteTransaction } from '@lbc/subgraph-kit';
import { invalidTransition } from '@lbc/schema';
import type { Selectable } from 'kysely';
import type { PoliceContext } from '../context.ts';
import type { MandatoryReportTable, PoliceDB } from '../db-types.ts';
import type { RecordEmergencyResponseInput } from '../generated/resolvers-types.ts';

type ReportRow = Selectable<MandatoryReportTable>;

/**
 * The mandatory report of a hand-off, locked until the write commits: the one an earlier call
 * opened, or — on the first call — a new one, RESPONDING, kept by the caller's station (none
 * for a bureau officer). The report the hand-off already has must be about `childId` and
 * reported as the input says (a hand-off is one report); a closed one takes no more
 * responses. The caller judged the child already (childForWrite), and so the report.
 */
export async function reportForHandoff(write: WriteTransaction<PoliceDB>, context: PoliceContext, childId: string, input: RecordEmergencyResponseInput): Promise<ReportRow> {
  const existing = await write.trx.selectFrom('mandatory_report').selectAll().where('handoff_id', '=', input.handoffId).forUpdate().executeTakeFirst();
  if (existing) return sameReport(existing, childId, input);
  const station = context.loaders.scope.org;
  // A concurrent first call for this hand-off about another child (a different lock) may win the unique index: nothing is inserted then.
  const opened = await write.trx
    .insertInto('mandatory_report')
    .values({
      child_id: childId,
      reporter_kind: input.reporterKind,
      category: input.category,
      reported_at: input.reportedAt,
      status: 'RESPONDING',
      details: null,
      handoff_id: input.handoffId,
      station_id: station,
    })
    .onConflict((c) => c.column('handoff_id').doNothing())
    .returningAll()
    .executeTakeFirst();
  assertInput({ handoffId: !opened && 'the report of this hand-off is about another child' });
  write.changed({
    record: 'MandatoryReport',
    id: String(opened!.id),
    childId,
    change: 'created',
    fields: ['child', 'reporterKind', 'category', 'reportedAt', 'status', 'handoffId', ...(station != null ? ['station'] : [])],
    fromVersion: null,
    toVersion: null,
  });
  return opened!;
}

/** The hand-off's report as found, if the input describes the same report. */
function sameReport(report: ReportRow, childId: string, input: RecordEmergencyResponseInput): ReportRow {
  assertInput({
    handoffId: report.child_id !== childId && 'the report of this hand-off is about another child',
    category: report.category !== input.category && `the report of this hand-off is ${report.category}`,
    reporterKind: report.reporter_kind !== input.reporterKind && `the report of this hand-off came from ${report.reporter_kind}`,
    reportedAt: report.reported_at.getTime() !== new Date(input.reportedAt).getTime() && `the report of this hand-off was made at ${report.reported_at.toISOString()}`,
  });
  if (report.status === 'CLOSED') throw invalidTransition(`the report of hand-off ${input.handoffId} is closed: it takes no more responses`, { inResolver: true });
  return report;
}
