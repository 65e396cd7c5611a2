import type { ChildResolvers } from '../generated/resolvers-types.ts';

/**
 * A child is known here once it has an enrollment; every field starts from the same
 * cached latest-enrollment lookup that `__resolveReference` used.
 */
export const Child: ChildResolvers = {
  __resolveReference: async (reference, { loaders }) =>
    (await loaders.latestEnrollmentByChild.load(reference.id)) ? { id: reference.id } : null,
  currentEnrollment: async (child, _, { loaders }) => {
    const latest = await loaders.latestEnrollmentByChild.load(child.id);
    return latest?.current ? latest : null;
  },
  enrollmentHistory: (child, args, { loaders }) => loaders.enrollmentHistory(args).load(child.id),
  // The latest enrollment carries the flag, so it survives transfers and is still known after the child leaves school.
  leftBehindFlag: async (child, _, { loaders }) => (await loaders.latestEnrollmentByChild.load(child.id))?.left_behind ?? null,
  attendance: (child, args, { loaders }) => loaders.attendance(args).load(child.id),
  dropoutStatus: async (child, _, { loaders }) => (await loaders.latestDropoutByChild.load(child.id))?.status ?? 'NONE',
  dropoutReports: (child, args, { loaders }) => loaders.dropoutReports(args).load(child.id),
  pairedTeacher: (child, _, { loaders }) => loaders.pairedTeacherByChild.load(child.id),
  pairedSince: async (child, _, { loaders }) => (await loaders.pairedTeacherByChild.load(child.id))?.since ?? null,
  counsellingSessions: (child, args, { loaders }) => loaders.counsellingSessions(args).load(child.id),
};
