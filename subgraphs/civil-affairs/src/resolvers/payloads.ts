import { notFound } from '@lbc/schema';
import { visibleOrForbidden } from '@lbc/subgraph-kit';
import type { CivilAffairsContext } from '../context.ts';
import type {
  AssistancePayloadResolvers,
  ChildRecordPayloadResolvers,
  GuardianshipPetitionPayloadResolvers,
  GuardianWarningPayloadResolvers,
  ProtectionCasePayloadResolvers,
  QuarterlySubmissionPayloadResolvers,
  RecordHomeVisitPayloadResolvers,
  RecordQuarterlyReviewPayloadResolvers,
  RegisterChildPayloadResolvers,
} from '../generated/resolvers-types.ts';

/** The child a payload names, read after the write committed: its current file, within the caller's jurisdiction. */
async function childOf({ childId }: { childId: string }, _: unknown, { loaders }: CivilAffairsContext) {
  const child = visibleOrForbidden(await loaders.childById.load(childId), `child ${childId}`);
  if (!child) throw notFound(`no child ${childId}`, { inResolver: true });
  return child;
}

export const RegisterChildPayload: RegisterChildPayloadResolvers = { child: childOf };
export const ChildRecordPayload: ChildRecordPayloadResolvers = { child: childOf };
export const RecordHomeVisitPayload: RecordHomeVisitPayloadResolvers = { homeVisit: (result) => result.homeVisit, child: childOf };
export const RecordQuarterlyReviewPayload: RecordQuarterlyReviewPayloadResolvers = { quarterlyReview: (result) => result.quarterlyReview, child: childOf };
export const AssistancePayload: AssistancePayloadResolvers = { assistance: (result) => result.assistance, child: childOf };
export const ProtectionCasePayload: ProtectionCasePayloadResolvers = { protectionCase: (result) => result.protectionCase, child: childOf };
export const GuardianWarningPayload: GuardianWarningPayloadResolvers = { warning: (result) => result.warning, child: childOf };
export const GuardianshipPetitionPayload: GuardianshipPetitionPayloadResolvers = { petition: (result) => result.petition, child: childOf };
// A township's submission is no child's record: the payload is the submission as written.
export const QuarterlySubmissionPayload: QuarterlySubmissionPayloadResolvers = { submission: (result) => result.submission };
