import { assertInput, inputRules, runWrite, type Problem } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HealthContext } from '../context.ts';
import type { GrowthMeasurementRow } from '../db-types.ts';
import type { RecordGrowthMeasurementInput } from '../generated/resolvers-types.ts';
import { patientForWrite } from './patient-for-write.ts';

/** What the payload is resolved from (and a retry answered with). */
export interface RecordGrowthMeasurementResult {
  growthMeasurement: GrowthMeasurementRow;
  childId: string;
}

// Bounds wide enough for a very premature newborn and a tall or heavy 15-year-old, narrow
// enough to catch a height typed in metres or a weight in jin (斤, half a kilogram).
const HEIGHT_CM = { min: 30, max: 200 };
const WEIGHT_KG = { min: 0.5, max: 150 };

/**
 * A growth measurement (生长发育监测) at the clinic. The assessment is the clinician's:
 * the growth standard's cut-offs depend on the child's sex, which the record does not hold.
 */
export function recordGrowthMeasurement(context: HealthContext, info: GraphQLResolveInfo, input: RecordGrowthMeasurementInput): Promise<RecordGrowthMeasurementResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        measuredOn: inputRules.notInFuture(input.measuredOn),
        heightCm: inputRules.number(input.heightCm, HEIGHT_CM.min, HEIGHT_CM.max) || oneDecimal(input.heightCm),
        weightKg: inputRules.number(input.weightKg, WEIGHT_KG.min, WEIGHT_KG.max) || oneDecimal(input.weightKg),
      }),
    async execute(write) {
      const patient = await patientForWrite(write, context, input.childId);
      assertInput({ measuredOn: inputRules.notBefore(input.measuredOn, patient.birth_date, "the child's birth") });
      const growthMeasurement = await write.trx
        .insertInto('growth_measurement')
        .values({ child_id: patient.child_id, measured_on: input.measuredOn, height_cm: input.heightCm, weight_kg: input.weightKg, assessment: input.assessment })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'GrowthMeasurement',
        id: String(growthMeasurement.id),
        childId: patient.child_id,
        change: 'created',
        fields: ['measuredOn', 'heightCm', 'weightKg', 'assessment'],
        fromVersion: null,
        toVersion: null,
      });
      return { growthMeasurement, childId: patient.child_id };
    },
  });
}

/** The record keeps one decimal (numeric(5, 1)): a finer value would be rounded without the clerk knowing. */
function oneDecimal(value: number): Problem {
  return Math.round(value * 10) / 10 !== value && 'must have at most one decimal';
}
