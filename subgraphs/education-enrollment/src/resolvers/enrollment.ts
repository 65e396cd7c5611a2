import type { EnrollmentResolvers } from '../generated/resolvers-types.ts';

export const Enrollment: EnrollmentResolvers = {
  id: (enrollment) => String(enrollment.id),
  child: (enrollment) => ({ id: enrollment.child_id }),
  studentNumber: (enrollment) => enrollment.student_number,
  school: async (enrollment, _, { loaders }) => (await loaders.schoolById.load(enrollment.school_id))!,
  className: (enrollment) => enrollment.class_name,
  leftBehind: (enrollment) => enrollment.left_behind,
  enrolledOn: (enrollment) => enrollment.enrolled_on,
  leftOn: (enrollment) => enrollment.left_on,
};
