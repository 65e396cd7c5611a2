import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { ApplyForAssistanceInput } from '../generated/resolvers-types.ts';
import type { AssistanceResult } from './assistance-result.ts';
import { childForWrite } from './child-for-write.ts';

/**
 * Files an application for social assistance for a child living in the caller's
 * jurisdiction: status APPLIED from the day applied, until the county decides. A child has
 * at most one open (applied or granted) assistance of each kind; checked under the child's
 * row lock, so two concurrent applications cannot both pass.
 */
export function applyForAssistance(context: CivilAffairsContext, info: GraphQLResolveInfo, input: ApplyForAssistanceInput): Promise<AssistanceResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ appliedOn: inputRules.notInFuture(input.appliedOn, todayInChina()) }),
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      assertInput({ appliedOn: inputRules.notBefore(input.appliedOn, child.birth_date, "the child's birth") });
      const open = await write.trx
        .selectFrom('assistance')
        .select(['id', 'status'])
        .where('child_id', '=', child.id)
        .where('kind', '=', input.kind)
        .where('status', 'in', ['APPLIED', 'GRANTED'])
        .executeTakeFirst();
      assertInput({ kind: open && `the child has assistance of this kind ${open.status === 'GRANTED' ? 'granted' : 'applied for'} already (assistance ${open.id})` });
      const assistance = await write.trx
        .insertInto('assistance')
        .values({ child_id: child.id, kind: input.kind, status: 'APPLIED', amount_yuan: null, started_on: input.appliedOn, ended_on: null })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'Assistance',
        id: String(assistance.id),
        childId: child.id,
        change: 'created',
        fields: ['kind', 'status', 'startedOn'],
        fromVersion: null,
        toVersion: assistance.version,
      });
      return { assistance, childId: child.id };
    },
  });
}
