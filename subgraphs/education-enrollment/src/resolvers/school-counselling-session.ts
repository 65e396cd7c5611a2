import type { SchoolCounsellingSessionResolvers } from '../generated/resolvers-types.ts';

export const SchoolCounsellingSession: SchoolCounsellingSessionResolvers = {
  id: (session) => String(session.id),
  sessionOn: (session) => session.session_on,
};
