import type { ChildResolvers } from '../generated/resolvers-types.ts';
import { visibleOrForbidden } from '@lbc/subgraph-kit';

/**
 * A child is known here once it has an enrollment; every field starts from the same
 * cached latest-enrollment lookup that `__resolveReference` used. That lookup also says
 * whether the child is in the caller's jurisdiction: the fields below are reached only
 * through a child that passed it (here, or in a roster filtered by the same rule).
 */
export const Child: ChildResolvers = {
  // Async on purpose: a rejected promise nulls only this entity, a thrown error the whole `_entities` list.
  __resolveReference: async (reference, { loaders }) => (visibleOrForbidden(await loaders.latestEnrollmentByChild.load(reference.id), `child ${reference.id}`) ? { id: reference.id } : null),
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
