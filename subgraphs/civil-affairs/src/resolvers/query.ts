import { villageCodeRange } from '@lbc/schema';
import { assertMayRead, pageWindow, regionWithinScope, toConnection, visibleOrForbidden, visibleOrNotFound } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { readableSubmission } from '../quarterly/readable-submission.ts';

export const Query: QueryResolvers = {
  child: async (_, { id }, { loaders }) => visibleOrForbidden(await loaders.childById.load(id), `child ${id}`),
  // By a personal identifier: unknown and out-of-scope answer alike (NOT_FOUND), so nobody can
  // test whether an ID number exists elsewhere; the error never echoes the number.
  childByIdNumber: async (_, { idNumber }, { loaders }) => visibleOrNotFound(await loaders.childByIdNumber.load(idNumber), 'child'),

  children: async (_, { filter, first, after }, context) => {
    const { db, loaders } = context;
    // Filtering by a risk flag reveals the flag: only callers who may read risk flags may filter by one.
    if (filter?.riskFlag) assertMayRead(context, 'PROTECTIVE', 'ChildFilter.riskFlag', 'civil_affairs');
    const window = pageWindow({ first, after }, 2);
    // Only the caller's jurisdiction: a wider region is narrowed to it, a disjoint one (or any, for auditors) refused.
    const { low, high } = villageCodeRange(regionWithinScope(loaders.scope, filter?.regionCode ?? loaders.scope.prefix));
    let query = db.selectFrom('child').selectAll('child').where('village_code', '>=', low).where('village_code', '<=', high);
    if (filter?.category) query = query.where('category', '=', filter.category);
    if (filter?.status) query = query.where('status', '=', filter.status);
    if (filter?.riskFlag) {
      const kind = filter.riskFlag;
      query = query.where(({ exists, selectFrom }) =>
        exists(selectFrom('risk_flag').select('risk_flag.child_id').whereRef('risk_flag.child_id', '=', 'child.id').where('risk_flag.kind', '=', kind).where('risk_flag.cleared_on', 'is', null)),
      );
    }
    if (window.after) {
      const [village, id] = window.after.map(String) as [string, string];
      query = query.where((eb) => eb(eb.refTuple('village_code', 'id'), '>', eb.tuple(village, id)));
    }
    const rows = await query
      .orderBy('village_code')
      .orderBy('id')
      .limit(window.first + 1)
      .execute();
    return toConnection(rows, window.first, (row) => [row.village_code, row.id]);
  },

  region: (_, { code }, { loaders }) => loaders.regionByCode.load(code),

  provinces: async (_, { first, after }, { db }) => {
    const window = pageWindow({ first, after }, 1);
    let query = db.selectFrom('region').selectAll().where('level', '=', 'PROVINCE');
    if (window.after) query = query.where('code', '>', String(window.after[0]));
    const rows = await query
      .orderBy('code')
      .limit(window.first + 1)
      .execute();
    return toConnection(rows, window.first, (row) => [row.code]);
  },

  staffMember: (_, { id }, { loaders }) => loaders.staffById.load(id),

  quarterlySubmission: (_, { townCode, quarter }, context) => readableSubmission(context, townCode, quarter),
};
