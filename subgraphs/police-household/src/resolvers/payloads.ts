import { notFound } from '@lbc/schema';
import { visibleOrForbidden } from '@lbc/subgraph-kit';
import type { PoliceContext } from '../context.ts';
import type { RecordEmergencyResponsePayloadResolvers, RecordParentPoliceStatusPayloadResolvers, RegisterUnregisteredChildPayloadResolvers } from '../generated/resolvers-types.ts';

/** The child a payload names, read after the write committed: as the police know it now, within the caller's jurisdiction. */
async function childOf({ childId }: { childId: string }, _: unknown, { loaders }: PoliceContext) {
  const child = visibleOrForbidden(await loaders.childById.load(childId), `child ${childId}`);
  if (!child) throw notFound(`no child ${childId}`, { inResolver: true });
  return child;
}

// The registration is the child's row too (see UnregisteredChildRegistration): the handover it was registered from.
export const RegisterUnregisteredChildPayload: RegisterUnregisteredChildPayloadResolvers = { registration: childOf, child: childOf };
export const RecordParentPoliceStatusPayload: RecordParentPoliceStatusPayloadResolvers = { parentStatus: (result) => result.parentStatus, child: childOf };

/** The hand-off's report, read after the commit with its responses, reached through its child as every report is. */
async function reportOf(result: { reportId: number; childId: string }, args: unknown, context: PoliceContext) {
  await childOf(result, args, context);
  const report = await context.loaders.mandatoryReportById.load(result.reportId);
  if (!report) throw notFound(`no mandatory report ${result.reportId}`, { inResolver: true });
  return report;
}

export const RecordEmergencyResponsePayload: RecordEmergencyResponsePayloadResolvers = { mandatoryReport: reportOf, child: childOf };
