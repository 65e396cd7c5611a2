import { conflict } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import { interventionSummaries, NO_INTERVENTION } from '../guardianship/intervention-summary.ts';
import { revocationGrounds } from '../guardianship/revocation-grounds.ts';
import type { FileGuardianshipPetitionInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import type { GuardianshipPetitionResult } from './guardianship-petition-result.ts';

/**
 * Files civil affairs' petition to the court to revoke a guardianship, for a child living in
 * the county's jurisdiction, outcome PENDING. A ground the records can show — six months of
 * refused care (counted to the day filed), three ignored warnings — is accepted only when
 * they do: the court is told what the hub's own records say. One pending petition per
 * child, checked under the child's row lock (and held by a partial unique index).
 */
export function fileGuardianshipPetition(context: CivilAffairsContext, info: GraphQLResolveInfo, input: FileGuardianshipPetitionInput): Promise<GuardianshipPetitionResult> {
  return runWrite(context, info, {
    args: input,
    validate: () =>
      assertInput({
        filedOn: inputRules.notInFuture(input.filedOn, todayInChina()),
        court: inputRules.text(input.court, 200, { required: true }),
        grounds: (input.grounds.length === 0 && 'must name at least one ground') || (new Set(input.grounds).size !== input.grounds.length && 'must not repeat a ground'),
      }),
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      assertInput({ filedOn: inputRules.notBefore(input.filedOn, child.birth_date, "the child's birth") });
      const [summary = NO_INTERVENTION] = await interventionSummaries(write.trx, [child.id]);
      const shown = revocationGrounds(summary, input.filedOn);
      const unsupported = input.grounds.filter((ground) => ground !== 'OTHER' && !shown.includes(ground));
      assertInput({ grounds: unsupported.length > 0 && `the records do not show ${unsupported.join(', ')} on ${input.filedOn}` });
      const pending = await write.trx.selectFrom('guardianship_petition').select('id').where('child_id', '=', child.id).where('outcome', '=', 'PENDING').executeTakeFirst();
      if (pending) throw conflict(`the child has a pending petition already (petition ${pending.id})`, null, { inResolver: true });
      const petition = await write.trx
        .insertInto('guardianship_petition')
        .values({ child_id: child.id, filed_on: input.filedOn, court: input.court, grounds: input.grounds, decided_on: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'GuardianshipPetition',
        id: String(petition.id),
        childId: child.id,
        change: 'created',
        fields: ['filedOn', 'court', 'grounds', 'outcome'],
        fromVersion: null,
        toVersion: petition.version,
      });
      return { petition, childId: child.id };
    },
  });
}
