import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { visibleOrForbidden } from '@lbc/subgraph-kit';
import { parseStudentNumber } from '../student-number.ts';

/**
 * Schools are public institutions: looking one up or listing a region's schools is open
 * to every caller. What they hold about children (rosters, enrollments) is not.
 */
export const Query: QueryResolvers = {
  school: (_, { id }, { loaders }) => loaders.schoolById.load(id),
  schools: (_, { regionCode, first, after }, { loaders }) => loaders.schoolsInRegion({ first, after }).load(regionCode),
  // The error names no number: a national student number carries the child's ID number.
  enrollmentByStudentNumber: async (_, { studentNumber }, { loaders }) =>
    visibleOrForbidden(await loaders.latestEnrollmentByStudentNumber.load(parseStudentNumber(studentNumber)), 'the enrollment of this student number'),
};
