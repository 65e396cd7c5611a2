import type { GrowthMeasurementResolvers } from '../generated/resolvers-types.ts';

export const GrowthMeasurement: GrowthMeasurementResolvers = {
  id: (measurement) => String(measurement.id),
  measuredOn: (measurement) => measurement.measured_on,
  heightCm: (measurement) => measurement.height_cm,
  weightKg: (measurement) => measurement.weight_kg,
};
