import { invalidTransition } from '@lbc/schema';
import { assertInput, inputRules, recordForWrite, runWrite, updateVersioned } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { RecordWarningOutcomeInput } from '../generated/resolvers-types.ts';
import type { GuardianWarningResult } from './guardian-warning-result.ts';
import { recordIdProblem } from './record-id.ts';
import { warningInJurisdiction } from './warning-jurisdiction.ts';

/**
 * Records whether the guardian heeded a PENDING warning, at the warning version read. Once
 * decided, an outcome stays: the ignored warnings are a ground to revoke the guardianship.
 */
export function recordWarningOutcome(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RecordWarningOutcomeInput): Promise<GuardianWarningResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        warningId: recordIdProblem(input.warningId, 'warning'),
        expectedVersion: inputRules.version(input.expectedVersion),
        outcome: input.outcome === 'PENDING' && 'must be HEEDED or IGNORED',
      }),
    async execute(write) {
      // The row as it was (locked): a stale version is a CONFLICT first (updateVersioned), whatever else is wrong.
      const row = await write.trx
        .selectFrom('guardian_warning')
        .selectAll()
        .select(warningInJurisdiction(context).as('in_scope'))
        // Compared as bigint in SQL: 18 digits do not survive a JS number.
        .where('id', '=', sql<number>`cast(${input.warningId} as bigint)`)
        .forUpdate()
        .executeTakeFirst();
      const before = recordForWrite(row, `warning ${input.warningId}`);
      if (before.version === input.expectedVersion && before.outcome !== 'PENDING') {
        throw invalidTransition(`warning ${before.id} was ${before.outcome} already: only a PENDING one takes an outcome`, {
          state: before.outcome,
          action: input.outcome,
          allowedFrom: ['PENDING'],
          inResolver: true,
        });
      }
      const versions = await updateVersioned(write, {
        table: 'guardian_warning',
        key: { column: 'id', value: input.warningId },
        expectedVersion: input.expectedVersion,
        set: { outcome: input.outcome },
        inJurisdiction: warningInJurisdiction(context),
        what: `warning ${input.warningId}`,
      });
      write.changed({ record: 'GuardianWarning', id: String(before.id), childId: before.child_id, change: 'updated', fields: ['outcome'], ...versions });
      return { warning: { ...before, outcome: input.outcome, version: versions.toVersion }, childId: before.child_id };
    },
  });
}
