import { badUserInput } from '@lbc/schema';
import { assertInput, inputRules, runWrite, type WriteTransaction } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { HealthContext } from '../context.ts';
import type { HealthDB, ImmunisationRow } from '../db-types.ts';
import type { RecordImmunisationInput } from '../generated/resolvers-types.ts';
import { IMMUNISATION_SCHEDULE } from '../immunisation-schedule.ts';
import { patientForWrite } from './patient-for-write.ts';

/** What the payload is resolved from (and a retry answered with). */
export interface RecordImmunisationResult {
  immunisation: ImmunisationRow;
  childId: string;
}

/** The same pattern as the column's CHECK: refused here with the field named, not by the database. */
const VACCINE_CODE = /^[A-Za-z0-9-]{2,16}$/;
const MAX_DOSE = 9;

/**
 * One dose given, for a child of the caller's jurisdiction. A dose is recorded once: the
 * (child, vaccine, dose) unique constraint decides, in the insert itself, so two clerks
 * recording the same dose at once cannot both succeed.
 */
export function recordImmunisation(context: HealthContext, info: GraphQLResolveInfo, input: RecordImmunisationInput): Promise<RecordImmunisationResult> {
  const vaccine = programmeCode(input.vaccine);
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        vaccine: inputRules.text(input.vaccine, 16, { required: true }) || (!VACCINE_CODE.test(input.vaccine) && 'must be a vaccine code of 2 to 16 letters, digits or hyphens, e.g. MMR'),
        dose: inputRules.integer(input.dose, 1, MAX_DOSE),
        givenOn: inputRules.notInFuture(input.givenOn),
      }),
    async execute(write) {
      const patient = await patientForWrite(write, context, input.childId);
      assertInput({ givenOn: inputRules.notBefore(input.givenOn, patient.birth_date, "the child's birth") });
      const immunisation =
        (await write.trx
          .insertInto('immunisation')
          .values({ child_id: patient.child_id, vaccine, dose: input.dose, given_on: input.givenOn })
          .onConflict((c) => c.columns(['child_id', 'vaccine', 'dose']).doNothing())
          .returningAll()
          .executeTakeFirst()) ?? (await refuseRecordedDose(write, patient.child_id, vaccine, input.dose));
      write.changed({
        record: 'Immunisation',
        id: String(immunisation.id),
        childId: patient.child_id,
        change: 'created',
        fields: ['vaccine', 'dose', 'givenOn'],
        fromVersion: null,
        toVersion: null,
      });
      return { immunisation, childId: patient.child_id };
    },
  });
}

/** A programme vaccine under its programme code whatever its case (hepb → HepB): the schedule matches codes exactly. */
function programmeCode(vaccine: string): string {
  const lower = vaccine.toLowerCase();
  return IMMUNISATION_SCHEDULE.find((d) => d.vaccine.toLowerCase() === lower)?.vaccine ?? vaccine;
}

/** The dose was recorded before (by another request, or this one under another key): BAD_USER_INPUT saying when it was given. */
async function refuseRecordedDose(write: WriteTransaction<HealthDB>, childId: string, vaccine: string, dose: number): Promise<never> {
  const given = await write.trx.selectFrom('immunisation').select('given_on').where('child_id', '=', childId).where('vaccine', '=', vaccine).where('dose', '=', dose).executeTakeFirst();
  const when = given ? ` (given on ${given.given_on})` : '';
  throw badUserInput(`input.dose: dose ${dose} of ${vaccine} is recorded already${when}`, { argumentName: 'input.dose', inResolver: true });
}
