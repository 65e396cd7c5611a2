import { divisionLevel } from '@lbc/schema';
import { assertInput, outsideJurisdiction, runWrite } from '@lbc/subgraph-kit';
import type { GraphQLResolveInfo } from 'graphql';
import { sql } from 'kysely';
import type { HandoffsContext } from '../context.ts';
import type { QualityCheckRow } from '../quality/quality-check-row.ts';
import type { RequestQualityCheckInput } from '../generated/resolvers-types.ts';

/**
 * Asks for a township's data-quality check now. The check itself runs in the hub's
 * worker (it reads four agencies); this only records the request, once: asking again
 * before it ran keeps the first request's place in the queue.
 */
export function requestQualityCheck(context: HandoffsContext, info: GraphQLResolveInfo, input: RequestQualityCheckInput): Promise<QualityCheckRow> {
  return runWrite(context, info, {
    args: input,
    validate: () => assertInput({ townCode: divisionLevel(input.townCode) !== 'town' && 'must be a 9-digit township code' }),
    async execute(write) {
      const principal = context.principal;
      if (!input.townCode.startsWith(principal.region)) throw outsideJurisdiction(`township ${input.townCode}`);
      const row = await write.trx
        .insertInto('quality_check')
        .values({ town_code: input.townCode, checked_at: null, requested_at: new Date(), requested_by: principal.subject })
        .onConflict((c) =>
          c.column('town_code').doUpdateSet((eb) => ({
            requested_at: eb.fn.coalesce('quality_check.requested_at', 'excluded.requested_at'),
            requested_by: eb.fn.coalesce('quality_check.requested_by', 'excluded.requested_by'),
          })),
        )
        // xmax is 0 on a freshly inserted row: a township's first request creates its row.
        .returningAll()
        .returning(sql<boolean>`xmax = 0`.as('inserted'))
        .executeTakeFirstOrThrow();
      const { inserted, ...check } = row;
      write.changed({ record: 'QualityCheck', id: check.town_code, childId: null, change: inserted ? 'created' : 'updated', fields: ['requestedAt'], fromVersion: null, toVersion: null });
      return check;
    },
  });
}
