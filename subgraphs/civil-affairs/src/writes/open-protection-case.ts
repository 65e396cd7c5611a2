import { conflict, handoffIdProblem } from '@lbc/schema';
import { assertInput, inputRules, runWrite, todayInChina } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { OpenProtectionCaseInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import type { ProtectionCaseResult } from './protection-case-result.ts';

/**
 * Opens a protection case for a child living in the caller's jurisdiction, dated today
 * (China). One OPEN case per child and kind: checked under the child's row lock, so two
 * concurrent openings cannot both pass (the partial unique index holds it for SQL outside
 * this write too); a second is CONFLICT, since the case the caller means exists already.
 */
export function openProtectionCase(context: CivilAffairsContext, info: GraphQLResolveInfo, input: OpenProtectionCaseInput): Promise<ProtectionCaseResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ handoffId: handoffIdProblem(input.handoffId), summary: inputRules.text(input.summary, 2000) }),
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      const open = await write.trx.selectFrom('protection_case').select('id').where('child_id', '=', child.id).where('kind', '=', input.kind).where('status', '=', 'OPEN').executeTakeFirst();
      if (open) throw conflict(`the child has an open ${input.kind} case already (protection case ${open.id})`, null, { inResolver: true });
      const protectionCase = await write.trx
        .insertInto('protection_case')
        .values({
          child_id: child.id,
          kind: input.kind,
          status: 'OPEN',
          opened_on: todayInChina(),
          closed_on: null,
          summary: input.summary ?? null,
          lead_staff_id: null,
          handoff_id: input.handoffId ?? null,
          close_reason: null,
          assessment_safety: null,
          assessment_guardianship: null,
          assessment_health: null,
          assessment_summary: null,
          assessed_on: null,
          assessment_approved_on: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'ProtectionCase',
        id: String(protectionCase.id),
        childId: child.id,
        change: 'created',
        fields: ['kind', 'status', 'openedOn', ...(input.summary != null ? ['summary'] : []), ...(input.handoffId != null ? ['handoffId'] : [])],
        fromVersion: null,
        toVersion: protectionCase.version,
      });
      return { protectionCase, childId: child.id };
    },
  });
}
