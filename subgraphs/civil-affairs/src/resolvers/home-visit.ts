import type { HomeVisitResolvers } from '../generated/resolvers-types.ts';

export const HomeVisit: HomeVisitResolvers = {
  id: (visit) => String(visit.id),
  visitedOn: (visit) => visit.visited_on,
  visitor: (visit, _, { loaders }) => (visit.visitor_staff_id ? loaders.staffById.load(visit.visitor_staff_id) : null),
  concernRaised: (visit) => visit.concern_raised,
};
