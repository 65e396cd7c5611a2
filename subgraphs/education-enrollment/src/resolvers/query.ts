import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { visibleOrNotFound } from '@lbc/subgraph-kit';
import { parseStudentNumber } from '../student-number.ts';

/**
 * Schools are public institutions: looking one up or listing a region's schools is open
 * to every caller. What they hold about children (rosters, enrollments) is not.
 */
export const Query: QueryResolvers = {
  school: (_, { id }, { loaders }) => loaders.schoolById.load(id),
  schools: (_, { regionCode, first, after }, { loaders }) => loaders.schoolsInRegion({ first, after }).load(regionCode),
  // A student number is personal (G + the ID number): unknown and out-of-scope answer alike
  // (NOT_FOUND), and the error names no number.
  enrollmentByStudentNumber: async (_, { studentNumber }, { loaders }) => visibleOrNotFound(await loaders.latestEnrollmentByStudentNumber.load(parseStudentNumber(studentNumber)), 'enrollment'),
};
