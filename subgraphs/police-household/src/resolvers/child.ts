import { guardianCanAct } from '../guardian-can-act.ts';
import type { ChildResolvers } from '../generated/resolvers-types.ts';
import { assertMayLookUpByKey, visibleOrForbidden, visibleOrNotFound } from '@lbc/subgraph-kit';

export const Child: ChildResolvers = {
  // The gateway enters with the hub id (from civil affairs) or the ID number (from agencies that key on it).
  // Async so that an out-of-scope child rejects only its own entity, not the whole _entities list.
  // The hub id is opaque: out of scope is FORBIDDEN. The ID number is personal: unknown and out
  // of scope answer alike, as residentByIdNumber does.
  __resolveReference: async (reference, context) => {
    const { loaders } = context;
    if ('id' in reference) return visibleOrForbidden(await loaders.childById.load(reference.id), `child ${reference.id}`);
    if (!reference.idNumber) return null;
    // Entering by ID number is a lookup by it: only for callers who read ID numbers in full.
    assertMayLookUpByKey(context, 'Child.idNumber', 'police');
    return visibleOrNotFound(await loaders.childByIdNumber.load(reference.idNumber.toUpperCase()), 'child');
  },
  idNumber: (child) => child.id_number,
  householdRegistrationStatus: (child) => child.registration_status,
  household: (child) => (child.household_number ? child : null),
  unregisteredRegistration: (child) => (child.unregistered_status ? child : null),
  mandatoryReports: (child, args, { loaders }) => loaders.mandatoryReports(args).load(child.id),
  missingReports: (child, args, { loaders }) => loaders.missingReports(args).load(child.id),
  parentStatuses: (child, args, { loaders }) => loaders.parentStatuses(args).load(child.id),
  guardianCanAct: async (child, _, { loaders }) => guardianCanAct(await loaders.currentParentStatusesByChild.load(child.id)),
};
