import { assertInput, inputRules, runWrite, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ChangeGuardianInput } from '../generated/resolvers-types.ts';
import type { ChildRecordResult } from './child-record-result.ts';
import { registryRecord } from './registry-record.ts';

/**
 * Appoints or replaces the entrusted guardian. An edit of the child's registry file: it
 * names the version it read, and the file's version moves on with it.
 */
export function changeGuardian(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ChangeGuardianInput): Promise<ChildRecordResult> {
  const { guardian } = input;
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        expectedVersion: inputRules.version(input.expectedVersion),
        'guardian.name': inputRules.text(guardian.name, 100, { required: true }),
        'guardian.phone': inputRules.text(guardian.phone, 40),
        confirmationSignedOn: input.confirmationSignedOn != null && inputRules.notInFuture(input.confirmationSignedOn),
      }),
    async execute(write) {
      const versions = await updateVersioned(write, registryRecord(context, input.childId, input.expectedVersion, {}));
      const before = await write.trx.selectFrom('guardian').select('child_id').where('child_id', '=', input.childId).executeTakeFirst();
      const row = {
        name: guardian.name,
        relationship: guardian.relationship,
        capacity: guardian.capacity,
        phone: guardian.phone ?? null,
        confirmation_signed_on: input.confirmationSignedOn ?? null,
      };
      await write.trx
        .insertInto('guardian')
        .values({ child_id: input.childId, ...row })
        .onConflict((c) => c.column('child_id').doUpdateSet(row))
        .execute();
      write.changed({
        record: 'EntrustedGuardian',
        id: input.childId,
        childId: input.childId,
        change: before ? 'updated' : 'created',
        fields: ['name', 'relationship', 'capacity', 'phone', 'confirmationSignedOn'],
        ...versions,
      });
      return { childId: input.childId };
    },
  });
}
