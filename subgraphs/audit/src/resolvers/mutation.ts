import type { MutationResolvers } from '../generated/resolvers-types.ts';
import { acknowledgeNotice } from '../notices/acknowledge-notice.ts';

export const Mutation: MutationResolvers = {
  acknowledgeAccessNotice: (_, { id }, { db, principal }) => acknowledgeNotice(db, principal, id),
};
