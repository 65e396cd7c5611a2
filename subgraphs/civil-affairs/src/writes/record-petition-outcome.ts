import { invalidTransition } from '@lbc/schema';
import { assertInput, inScope, inputRules, recordForWrite, runWrite, todayInChina, updateVersioned, type WriteChange } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { CivilAffairsContext } from '../context.ts';
import type { RecordPetitionOutcomeInput } from '../generated/resolvers-types.ts';
import { guardianProblems } from './guardian-problems.ts';
import type { GuardianshipPetitionResult } from './guardianship-petition-result.ts';
import { GUARDIAN_FIELDS, putGuardian } from './put-guardian.ts';
import { recordIdProblem } from './record-id.ts';

/**
 * Records the court's decision on a PENDING petition, at the petition version read. A
 * revocation may name the guardian the court appointed: it becomes the child's guardian
 * the way changeGuardian records one (no entrustment confirmation: the judgment appoints),
 * and the child's registry version moves on, since the file changed.
 */
export function recordPetitionOutcome(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RecordPetitionOutcomeInput): Promise<GuardianshipPetitionResult> {
  const { newGuardian } = input;
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        petitionId: recordIdProblem(input.petitionId, 'petition'),
        expectedVersion: inputRules.version(input.expectedVersion),
        decidedOn: inputRules.notInFuture(input.decidedOn, todayInChina()),
        outcome: input.outcome === 'PENDING' && 'must be REVOKED or DISMISSED',
        newGuardian: newGuardian != null && input.outcome !== 'REVOKED' && 'only a revocation appoints a guardian',
        ...(newGuardian ? guardianProblems(newGuardian, 'newGuardian') : {}),
      }),
    async execute(write) {
      const inJurisdiction = sql<boolean>`exists (select 1 from child c where c.id = guardianship_petition.child_id and ${inScope(context.loaders.scope, sql.ref('c.village_code'))})`;
      // The row as it was (locked). A stale version is a CONFLICT first (updateVersioned), whatever else is wrong;
      // at the current one the rest is checked before the update, which the table's rules would refuse.
      const row = await write.trx
        .selectFrom('guardianship_petition')
        .selectAll()
        .select(inJurisdiction.as('in_scope'))
        // Compared as bigint in SQL: 18 digits do not survive a JS number.
        .where('id', '=', sql<number>`cast(${input.petitionId} as bigint)`)
        .forUpdate()
        .executeTakeFirst();
      const before = recordForWrite(row, `petition ${input.petitionId}`);
      const set = { outcome: input.outcome, decided_on: input.decidedOn };
      if (before.version === input.expectedVersion) {
        if (before.outcome !== 'PENDING') {
          throw invalidTransition(`petition ${before.id} was ${before.outcome} already: only a PENDING one takes an outcome`, {
            state: before.outcome,
            action: input.outcome,
            allowedFrom: ['PENDING'],
            inResolver: true,
          });
        }
        assertInput({ decidedOn: inputRules.notBefore(input.decidedOn, before.filed_on, 'the petition') });
      }
      const versions = await updateVersioned(write, {
        table: 'guardianship_petition',
        key: { column: 'id', value: input.petitionId },
        expectedVersion: input.expectedVersion,
        set,
        inJurisdiction,
        what: `petition ${input.petitionId}`,
      });
      const changes: WriteChange[] = [{ record: 'GuardianshipPetition', id: String(before.id), childId: before.child_id, change: 'updated', fields: ['outcome', 'decidedOn'], ...versions }];
      if (newGuardian) {
        const registry = await write.trx
          .updateTable('child')
          .set({ version: sql`version + 1` })
          .where('id', '=', before.child_id)
          .returning('version')
          .executeTakeFirstOrThrow();
        const change = await putGuardian(write, before.child_id, newGuardian, null);
        changes.push({ record: 'EntrustedGuardian', id: before.child_id, childId: before.child_id, change, fields: GUARDIAN_FIELDS, fromVersion: registry.version - 1, toVersion: registry.version });
      }
      changes.forEach((change) => write.changed(change));
      return { petition: { ...before, ...set, version: versions.toVersion }, childId: before.child_id };
    },
  });
}
