import { ageOn, LEFT_BEHIND_AGE_LIMIT } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ReadmitChildInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import type { ChildRecordResult } from './child-record-result.ts';
import { registryRecord } from './registry-record.ts';

/**
 * Takes an EXITED child back into the registry (a parent left again): an edit of the file at
 * the version read, under its hub id, with the new category and the date the child became
 * left behind again. The exit reason and date go: they described the exit this undoes.
 */
export function readmitChild(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ReadmitChildInput): Promise<ChildRecordResult> {
  const today = todayInChina();
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ expectedVersion: inputRules.version(input.expectedVersion), leftBehindSince: inputRules.notInFuture(input.leftBehindSince, today) }),
    async execute(write) {
      // The row as it was (locked): a stale version is a CONFLICT first, whatever else is wrong.
      const child = await childForWrite(write, context, input.childId);
      const versions = await updateVersioned(
        write,
        registryRecord(context, child.id, input.expectedVersion, {
          status: 'ACTIVE',
          category: input.category,
          left_behind_since: input.leftBehindSince,
          exit_reason: null,
          exited_on: null,
        }),
      );
      assertInput({
        childId:
          (child.status !== 'EXITED' && `child ${child.id} is in the registry already`) ||
          (ageOn(child.birth_date, today) >= LEFT_BEHIND_AGE_LIMIT && `the child is ${LEFT_BEHIND_AGE_LIMIT} or older: the registry takes minors under ${LEFT_BEHIND_AGE_LIMIT}`),
        leftBehindSince: inputRules.notBefore(input.leftBehindSince, child.birth_date, "the child's birth"),
      });
      write.changed({
        record: 'Child',
        id: child.id,
        childId: child.id,
        change: 'updated',
        fields: ['status', 'leftBehindCategory', 'leftBehindSince', 'exitReason'],
        ...versions,
      });
      return { childId: child.id };
    },
  });
}
