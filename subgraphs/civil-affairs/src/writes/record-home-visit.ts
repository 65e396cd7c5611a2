import { assertInput, inputRules, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import type { CivilAffairsContext } from '../context.ts';
import type { HomeVisitRow } from '../db-types.ts';
import type { RecordHomeVisitInput } from '../generated/resolvers-types.ts';
import { childForWrite } from './child-for-write.ts';
import { assertStaffExists } from './staff-exists.ts';

/** What the payload is resolved from (and a retry answered with). */
export interface RecordHomeVisitResult {
  homeVisit: HomeVisitRow;
  childId: string;
}

/** A home visit, by the village supervisor or a township officer, for a child living in the caller's jurisdiction. */
export function recordHomeVisit(context: CivilAffairsContext, info: GraphQLResolveInfo, input: RecordHomeVisitInput): Promise<RecordHomeVisitResult> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ visitedOn: inputRules.notInFuture(input.visitedOn), findings: inputRules.text(input.findings, 2000) }),
    async execute(write) {
      const child = await childForWrite(write, context, input.childId);
      assertInput({ visitedOn: inputRules.notBefore(input.visitedOn, child.birth_date, "the child's birth") });
      if (input.visitorStaffId) await assertStaffExists(write, input.visitorStaffId, 'visitorStaffId');
      const homeVisit = await write.trx
        .insertInto('home_visit')
        .values({
          child_id: child.id,
          visited_on: input.visitedOn,
          concern_raised: input.concernRaised,
          findings: input.findings ?? null,
          visitor_staff_id: input.visitorStaffId ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      write.changed({
        record: 'HomeVisit',
        id: String(homeVisit.id),
        childId: child.id,
        change: 'created',
        fields: ['visitedOn', 'concernRaised', ...(input.findings != null ? ['findings'] : []), ...(input.visitorStaffId ? ['visitor'] : [])],
        fromVersion: null,
        toVersion: null,
      });
      return { homeVisit, childId: child.id };
    },
  });
}
