import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { parseStudentNumber } from '../student-number.ts';

export const Query: QueryResolvers = {
  school: (_, { id }, { loaders }) => loaders.schoolById.load(id),
  schools: (_, { regionCode, first, after }, { loaders }) => loaders.schoolsInRegion({ first, after }).load(regionCode),
  enrollmentByStudentNumber: (_, { studentNumber }, { loaders }) =>
    loaders.latestEnrollmentByStudentNumber.load(parseStudentNumber(studentNumber)),
};
