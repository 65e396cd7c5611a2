import { ageOn, LEFT_BEHIND_AGE_LIMIT } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { RegisterChildInput } from '../generated/resolvers-types.ts';
import type { ChildRecordResult } from './child-record-result.ts';
import { assertDiscovered } from './discovered-child.ts';
import { assertStaffExists } from './staff-exists.ts';
import { assertVillageExists, villageProblem } from './village-for-write.ts';

/**
 * Registers a child found in a survey, living in a village of the caller's jurisdiction,
 * with a new hub id (or, for a child the hub discovered, the one the other agencies know). Its residence is published to the other agencies in the same
 * transaction (the outbox): jurisdiction everywhere follows within the exchange's delay.
 */
export function registerChild(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RegisterChildInput): Promise<ChildRecordResult> {
  const today = todayInChina();
  const village = input.residenceVillageCode;
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        name: inputRules.text(input.name, 100, { required: true }),
        birthDate: inputRules.notInFuture(input.birthDate, today) || (ageOn(input.birthDate, today) >= LEFT_BEHIND_AGE_LIMIT && `the child is ${LEFT_BEHIND_AGE_LIMIT} or older`),
        ethnicity: inputRules.text(input.ethnicity, 40),
        residenceVillageCode: villageProblem(context, village),
        knownAs: input.knownAs != null && !/^LB\d{9}$/.test(input.knownAs) && 'must be a hub id (LB and nine digits)',
        leftBehindSince: inputRules.notInFuture(input.leftBehindSince, today) || inputRules.notBefore(input.leftBehindSince, input.birthDate, 'the birth date'),
      }),
    async execute(write) {
      await assertVillageExists(write, village, 'residenceVillageCode');
      if (input.idNumber) {
        const taken = await write.trx.selectFrom('child').select('id').where('id_number', '=', input.idNumber).executeTakeFirst();
        assertInput({ idNumber: taken && 'a child with this ID number is registered already' });
      }
      if (input.responsibleStaffId) await assertStaffExists(write, input.responsibleStaffId, 'responsibleStaffId');
      if (input.knownAs) await assertDiscovered(write, context, input.knownAs);
      const child = await write.trx
        .insertInto('child')
        .values({
          id: input.knownAs ?? sql<string>`'LB' || lpad(nextval('child_number')::text, 9, '0')`,
          id_number: input.idNumber ?? null,
          name: input.name,
          sex: input.sex,
          birth_date: input.birthDate,
          ethnicity: input.ethnicity ?? null,
          village_code: village,
          category: input.category,
          left_behind_since: input.leftBehindSince,
          status: 'ACTIVE',
          exit_reason: null,
          registered_on: today,
          responsible_staff_id: input.responsibleStaffId ?? null,
        })
        .returning(['id', 'version'])
        .executeTakeFirstOrThrow();
      write.publish({ childId: child.id, kind: 'place.residence', payload: { residenceCode: village } });
      write.changed({
        record: 'Child',
        id: child.id,
        childId: child.id,
        change: 'created',
        fields: Object.keys(input).filter((k) => input[k as keyof RegisterChildInput] != null),
        fromVersion: null,
        toVersion: child.version,
      });
      return { childId: child.id };
    },
  });
}
