import type { ParentStatusRow } from '../db-types.ts';
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

const UNABLE = new Set<ParentStatusRow['status']>(['SERVING_SENTENCE', 'DETAINED', 'DECEASED', 'MISSING']);

/**
 * Shared instead of the statuses themselves (need-to-know): a school or clinic must learn
 * that no parent can step in, not that the mother is in prison. A parent serving a
 * sentence, detained, deceased or missing cannot act as guardian; a parent living away
 * (residence permit elsewhere) still can in law — entrust a guardian, be called back — but
 * not in person. So the guardian cannot act exactly when one parent is unable and the
 * other is unable or away: both away is the ordinary left-behind case, handled by an
 * entrusted guardian, and is not flagged here.
 */
export function guardianCanAct(currentStatuses: readonly Pick<ParentStatusRow, 'parent_role' | 'status'>[]): boolean {
  const state = (role: ParentStatusRow['parent_role']) => {
    const statuses = currentStatuses.filter((s) => s.parent_role === role).map((s) => s.status);
    if (statuses.some((s) => UNABLE.has(s))) return 'UNABLE';
    return statuses.includes('RESIDING_ELSEWHERE') ? 'AWAY' : 'PRESENT';
  };
  const father = state('FATHER');
  const mother = state('MOTHER');
  return !((father === 'UNABLE' && mother !== 'PRESENT') || (mother === 'UNABLE' && father !== 'PRESENT'));
}
