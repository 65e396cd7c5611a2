import type { TeacherResolvers } from '../generated/resolvers-types.ts';

export const Teacher: TeacherResolvers = {
  school: async (teacher, _, { loaders }) => (await loaders.schoolById.load(teacher.school_id))!,
};
