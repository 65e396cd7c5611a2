import { assertInput, inputRules, runWrite, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ChangeGuardianInput } from '../generated/resolvers-types.ts';
import type { ChildRecordResult } from './child-record-result.ts';
import { guardianProblems } from './guardian-problems.ts';
import { GUARDIAN_FIELDS, putGuardian } from './put-guardian.ts';
import { registryRecord } from './registry-record.ts';

/**
 * Appoints or replaces the entrusted guardian. An edit of the child's registry file: it
 * names the version it read, and the file's version moves on with it.
 */
export function changeGuardian(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ChangeGuardianInput): Promise<ChildRecordResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        expectedVersion: inputRules.version(input.expectedVersion),
        ...guardianProblems(input.guardian, 'guardian'),
        confirmationSignedOn: input.confirmationSignedOn != null && inputRules.notInFuture(input.confirmationSignedOn),
      }),
    async execute(write) {
      const versions = await updateVersioned(write, registryRecord(context, input.childId, input.expectedVersion, {}));
      const change = await putGuardian(write, input.childId, input.guardian, input.confirmationSignedOn ?? null);
      write.changed({ record: 'EntrustedGuardian', id: input.childId, childId: input.childId, change, fields: GUARDIAN_FIELDS, ...versions });
      return { childId: input.childId };
    },
  });
}
