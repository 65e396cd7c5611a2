import { visibleOrForbidden } from '@lbc/subgraph-kit';
import type { ChildResolvers } from '../generated/resolvers-types.ts';

export const Child: ChildResolvers = {
  __resolveReference: async (reference, { loaders }) => visibleOrForbidden(await loaders.childById.load(reference.id), `child ${reference.id}`),
  birthDate: (child) => child.birth_date,
  residenceVillage: async (child, _, { loaders }) => (await loaders.regionByCode.load(child.village_code))!,
  leftBehindCategory: (child) => child.category,
  leftBehindSince: (child) => child.left_behind_since,
  exitReason: (child) => child.exit_reason,
  registeredOn: (child) => child.registered_on,
  registryVersion: (child) => child.version,
  responsiblePerson: (child, _, { loaders }) => (child.responsible_staff_id ? loaders.staffById.load(child.responsible_staff_id) : null),
  father: async (child, _, { loaders }) => (await loaders.parentsByChild.load(child.id)).find((p) => p.role === 'FATHER') ?? null,
  mother: async (child, _, { loaders }) => (await loaders.parentsByChild.load(child.id)).find((p) => p.role === 'MOTHER') ?? null,
  guardian: (child, _, { loaders }) => loaders.guardianByChild.load(child.id),
  riskFlags: (child, _, { loaders }) => loaders.openRiskFlagsByChild.load(child.id),
  homeVisits: (child, args, { loaders }) => loaders.homeVisits(args).load(child.id),
  quarterlyReviews: (child, args, { loaders }) => loaders.quarterlyReviews(args).load(child.id),
  assistance: (child, args, { loaders }) => loaders.assistance(args).load(child.id),
  protectionCases: (child, args, { loaders }) => loaders.protectionCases(args).load(child.id),
  guardianshipIntervention: (child) => ({ childId: child.id }),
};
