import type { ChildResolvers } from '../generated/resolvers-types.ts';

/** A child as this subgraph knows it: its hub id only. Its record is the agencies'. */
export interface ChildRef {
  id: string;
}

export const Child: ChildResolvers = {
  __resolveReference: (ref) => ({ id: ref.id }),
  handoffs: (child, args, { loaders }) => loaders.childHandoffs(args).load(child.id),
};
