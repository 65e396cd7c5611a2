import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { RecordGuardianWarningInput } from '../generated/resolvers-types.ts';
import type { GuardianWarningResult } from './guardian-warning-result.ts';
import { childForWarning } from './warning-jurisdiction.ts';

/**
 * Records a warning given to the child's guardian, outcome PENDING until it is known
 * whether the guardian heeded it. Given by civil affairs or the police (whose agency the
 * record keeps: the grounds for revocation count warnings by either).
 */
export function recordGuardianWarning(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RecordGuardianWarningInput): Promise<GuardianWarningResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        warnedOn: inputRules.notInFuture(input.warnedOn, todayInChina()),
        reason: inputRules.text(input.reason, 2000, { required: true }),
        careRefusedSince: input.careRefusedSince != null && input.careRefusedSince > input.warnedOn && `${input.careRefusedSince} is after the warning (${input.warnedOn})`,
      }),
    async execute(write) {
      const child = await childForWarning(write, context, input.childId);
      assertInput({
        warnedOn: inputRules.notBefore(input.warnedOn, child.birth_date, "the child's birth"),
        careRefusedSince: input.careRefusedSince != null && inputRules.notBefore(input.careRefusedSince, child.birth_date, "the child's birth"),
      });
      const warning = await write.trx
        .insertInto('guardian_warning')
        .values({
          child_id: child.id,
          warned_on: input.warnedOn,
          reason: input.reason,
          care_refused_since: input.careRefusedSince ?? null,
          given_by: context.principal.agency === 'police' ? 'POLICE' : 'CIVIL_AFFAIRS',
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'GuardianWarning',
        id: String(warning.id),
        childId: child.id,
        change: 'created',
        fields: ['warnedOn', 'reason', 'givenBy', 'outcome', ...(input.careRefusedSince != null ? ['careRefusedSince'] : [])],
        fromVersion: null,
        toVersion: warning.version,
      });
      return { warning, childId: child.id };
    },
  });
}
