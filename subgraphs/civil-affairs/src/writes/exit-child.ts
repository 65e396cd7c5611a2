import { ageOn, LEFT_BEHIND_AGE_LIMIT } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ExitChildInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import type { ChildRecordResult } from './child-record-result.ts';
import { registryRecord } from './registry-record.ts';

/**
 * Takes an ACTIVE child out of the registry: an edit of the file at the version read. The
 * child is no longer left behind, so the category goes (the graph shows none once EXITED);
 * leftBehindSince stays as the file's history, and the exit date is kept with the reason.
 */
export function exitChild(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ExitChildInput): Promise<ChildRecordResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ expectedVersion: inputRules.version(input.expectedVersion), exitedOn: inputRules.notInFuture(input.exitedOn, todayInChina()) }),
    async execute(write) {
      // The row as it was (locked): a stale version is a CONFLICT first, whatever else is wrong.
      const child = await childForWrite(write, context, input.childId);
      const versions = await updateVersioned(
        write,
        registryRecord(context, child.id, input.expectedVersion, { status: 'EXITED', exit_reason: input.reason, exited_on: input.exitedOn, category: null }),
      );
      assertInput({
        childId: child.status !== 'ACTIVE' && `child ${child.id} has exited the registry already`,
        reason: input.reason === 'TURNED_SIXTEEN' && ageOn(child.birth_date, input.exitedOn) < LEFT_BEHIND_AGE_LIMIT && `the child is not ${LEFT_BEHIND_AGE_LIMIT} on ${input.exitedOn}`,
        exitedOn: inputRules.notBefore(input.exitedOn, child.registered_on, "the child's registration"),
      });
      write.changed({ record: 'Child', id: child.id, childId: child.id, change: 'updated', fields: ['status', 'exitReason', 'leftBehindCategory'], ...versions });
      return { childId: child.id };
    },
  });
}
