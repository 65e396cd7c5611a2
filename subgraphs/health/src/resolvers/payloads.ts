import { notFound } from '@lbc/schema';
import { visibleOrForbidden } from '@lbc/subgraph-kit';
import type { HealthContext } from '../context.ts';
import type { GrowthMeasurementPayloadResolvers, ImmunisationPayloadResolvers, MentalHealthScreeningPayloadResolvers } from '../generated/resolvers-types.ts';

/** The child a payload names, read after the write committed: its health record now, within the caller's jurisdiction. */
async function childOf({ childId }: { childId: string }, _: unknown, { loaders }: HealthContext) {
  const patient = visibleOrForbidden(await loaders.patientByChild.load(childId), `child ${childId}`);
  if (!patient) throw notFound(`no health record for child ${childId}`, { inResolver: true });
  return patient;
}

export const GrowthMeasurementPayload: GrowthMeasurementPayloadResolvers = { growthMeasurement: (result) => result.growthMeasurement, child: childOf };
export const ImmunisationPayload: ImmunisationPayloadResolvers = { immunisation: (result) => result.immunisation, child: childOf };
export const MentalHealthScreeningPayload: MentalHealthScreeningPayloadResolvers = { screening: (result) => result.screening, child: childOf };
