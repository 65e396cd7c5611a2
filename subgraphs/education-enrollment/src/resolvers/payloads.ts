import { notFound } from '@lbc/schema';
import { outsideJurisdiction } from '@lbc/subgraph-kit';
import type { EducationContext } from '../context.ts';
import type { DropoutReportPayloadResolvers, EnrollmentPayloadResolvers, RecordAttendancePayloadResolvers } from '../generated/resolvers-types.ts';
import type { EnrollmentResult } from '../writes/enrollment-result.ts';

/**
 * The child a payload names, read after the write committed through the request's loaders
 * (cleared first: an earlier field of the same request may have cached the child as it
 * was), and within the caller's jurisdiction.
 */
async function childOf({ childId }: { childId: string }, _: unknown, { loaders }: EducationContext) {
  loaders.latestDropoutByChild.clear(childId);
  const latest = await loaders.latestEnrollmentByChild.clear(childId).load(childId);
  if (!latest) throw notFound(`no child ${childId}`, { inResolver: true });
  if (!latest.in_scope) throw outsideJurisdiction(`child ${childId}`);
  return { id: childId };
}

/**
 * After a transfer to a school elsewhere the child is no longer in the caller's
 * jurisdiction, yet the caller has just moved it from its own school: the payload still
 * names that child, as its write left it. Nothing else goes out of scope this way.
 */
async function enrolledChildOf(result: EnrollmentResult, args: unknown, context: EducationContext) {
  if (result.fromSchoolId === null) return childOf(result, args, context);
  context.loaders.latestEnrollmentByChild.clear(result.childId);
  return { id: result.childId };
}

export const EnrollmentPayload: EnrollmentPayloadResolvers = { enrollment: (result) => result.enrollment, child: enrolledChildOf };
export const RecordAttendancePayload: RecordAttendancePayloadResolvers = { attendance: (result) => result.attendance, child: childOf };
export const DropoutReportPayload: DropoutReportPayloadResolvers = { dropoutReport: (result) => result.dropoutReport, child: childOf };
