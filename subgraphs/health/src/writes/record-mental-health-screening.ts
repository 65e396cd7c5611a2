import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HealthContext } from '../context.ts';
import type { MentalHealthScreeningRow } from '../db-types.ts';
import type { MentalHealthInstrument, RecordMentalHealthScreeningInput } from '../generated/resolvers-types.ts';
import { patientForWrite } from './patient-for-write.ts';

/** What the payload is resolved from (and a retry answered with). */
export interface RecordMentalHealthScreeningResult {
  screening: MentalHealthScreeningRow;
  childId: string;
}

/**
 * The highest total each instrument can give: SDQ total difficulties is 20 items scored
 * 0 to 2 (the prosocial scale is not part of it), CDI 27 items scored 0 to 2.
 */
export const MAX_SCORE: Record<MentalHealthInstrument, number> = { SDQ: 40, CDI: 54 };

/** A mental-health screening with a standard instrument. The risk is the screener's judgement, taken as given. */
export function recordMentalHealthScreening(context: HealthContext, info: GraphQLResolveInfo, input: RecordMentalHealthScreeningInput): Promise<RecordMentalHealthScreeningResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        screenedOn: inputRules.notInFuture(input.screenedOn),
        score: inputRules.integer(input.score, 0, MAX_SCORE[input.instrument]),
        notes: inputRules.text(input.notes, 2000),
      }),
    async execute(write) {
      const patient = await patientForWrite(write, context, input.childId);
      assertInput({ screenedOn: inputRules.notBefore(input.screenedOn, patient.birth_date, "the child's birth") });
      const screening = await write.trx
        .insertInto('mental_health_screening')
        .values({ child_id: patient.child_id, screened_on: input.screenedOn, instrument: input.instrument, score: input.score, risk: input.risk, notes: input.notes ?? null })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'MentalHealthScreening',
        id: String(screening.id),
        childId: patient.child_id,
        change: 'created',
        fields: ['screenedOn', 'instrument', 'score', 'risk', ...(input.notes != null ? ['notes'] : [])],
        fromVersion: null,
        toVersion: null,
      });
      return { screening, childId: patient.child_id };
    },
  });
}
