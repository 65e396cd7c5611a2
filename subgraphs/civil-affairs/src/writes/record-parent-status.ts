import { assertInput, inputRules, runWrite, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { RecordParentStatusInput } from '../generated/resolvers-types.ts';
import type { ChildRecordResult } from './child-record-result.ts';
import { registryRecord } from './registry-record.ts';

/**
 * Records one parent's status (away or not, where they work, why they cannot act as
 * guardian), replacing what the file held for that parent. An edit of the child's registry
 * file: it names the version it read, and the file's version moves on with it.
 */
export function recordParentStatus(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RecordParentStatusInput): Promise<ChildRecordResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        expectedVersion: inputRules.version(input.expectedVersion),
        name: inputRules.text(input.name, 100, { required: true }),
        workPlace: inputRules.text(input.workPlace, 200),
        phone: inputRules.text(input.phone, 40),
        unableToGuardReason: inputRules.text(input.unableToGuardReason, 500),
      }),
    async execute(write) {
      const versions = await updateVersioned(write, registryRecord(context, input.childId, input.expectedVersion, {}));
      const before = await write.trx.selectFrom('parent').select('role').where('child_id', '=', input.childId).where('role', '=', input.role).executeTakeFirst();
      const row = {
        name: input.name,
        is_away: input.isAway,
        work_place: input.workPlace ?? null,
        phone: input.phone ?? null,
        unable_reason: input.unableToGuardReason ?? null,
      };
      await write.trx
        .insertInto('parent')
        .values({ child_id: input.childId, role: input.role, ...row })
        .onConflict((c) => c.columns(['child_id', 'role']).doUpdateSet(row))
        .execute();
      write.changed({
        record: 'Parent',
        // A parent has no id of its own: the child and the role name it.
        id: `${input.childId}:${input.role}`,
        childId: input.childId,
        change: before ? 'updated' : 'created',
        fields: ['name', 'isAway', 'workPlace', 'phone', 'unableToGuardReason'],
        ...versions,
      });
      return { childId: input.childId };
    },
  });
}
