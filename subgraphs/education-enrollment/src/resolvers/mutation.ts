import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { enrollChild } from '../writes/enroll-child.ts';
import { recordAttendance } from '../writes/record-attendance.ts';
import { recordPersuasionAttempt } from '../writes/record-persuasion-attempt.ts';
import { recordReturnToSchool } from '../writes/record-return-to-school.ts';
import { reportDropout } from '../writes/report-dropout.ts';
import { transferChild } from '../writes/transfer-child.ts';

/** Each mutation is one file under writes/; this maps the fields to them. */
export const Mutation: MutationResolvers = {
  enrollChild: (_, { input }, context, info) => enrollChild(context, info, input),
  transferChild: (_, { input }, context, info) => transferChild(context, info, input),
  recordAttendance: (_, { input }, context, info) => recordAttendance(context, info, input),
  reportDropout: (_, { input }, context, info) => reportDropout(context, info, input),
  recordPersuasionAttempt: (_, { input }, context, info) => recordPersuasionAttempt(context, info, input),
  recordReturnToSchool: (_, { input }, context, info) => recordReturnToSchool(context, info, input),
};
