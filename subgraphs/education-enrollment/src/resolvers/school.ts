import type { SchoolResolvers } from '../generated/resolvers-types.ts';

export const School: SchoolResolvers = {
  region: (school) => ({ code: school.region_code }),
  enrolledChildren: async (school, args, { loaders }) => {
    const page = await loaders.roster(args).load(school.id);
    return { ...page, edges: page.edges.map(({ cursor, node }) => ({ cursor, node: { id: node.child_id }, enrollment: node })) };
  },
  teachers: (school, args, { loaders }) => loaders.teachers(args).load(school.id),
};
