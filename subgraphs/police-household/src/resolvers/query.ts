import { invalidCursor, pageWindow, scopeOf, toConnection, visibleOrNotFound } from '@lbc/subgraph-kit';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { childListedInScope, regionListScope } from '../jurisdiction.ts';

export const Query: QueryResolvers = {
  // Lookups by personal identifiers: unknown and out-of-scope answer alike (NOT_FOUND), so they
  // are no test of whether a number exists elsewhere. Errors never repeat the identifier
  // (errors travel further than answers: logs, traces).
  household: async (_, { number }, { loaders }) => visibleOrNotFound(await loaders.householdByNumber.load(number), 'household'),
  residentByIdNumber: async (_, { idNumber }, { loaders }) => visibleOrNotFound(await loaders.childByIdNumber.load(idNumber), 'child'),

  // Reports are scoped by their child: the region is clamped to the jurisdiction, and the rows filtered by the child's place or station.
  mandatoryReports: async (_, { regionCode, status, first, after }, { db, principal }) => {
    const scope = regionListScope(scopeOf(principal, 'police'), regionCode);
    const window = pageWindow({ first, after }, 2);
    let query = db.selectFrom('mandatory_report_with_responses as m').innerJoin('police_child as c', 'c.id', 'm.child_id').selectAll('m').where(childListedInScope(scope, 'c'));
    if (status) query = query.where('m.status', '=', status);
    if (window.after) {
      const [reportedAt, id] = window.after;
      // A cursor is opaque but still client input: a forged one must not reach SQL as a bad cast.
      if (typeof reportedAt !== 'string' || Number.isNaN(Date.parse(reportedAt)) || !Number.isInteger(id)) {
        throw invalidCursor();
      }
      query = query.where((eb) => eb(eb.refTuple('m.reported_at', 'm.id'), '<', eb.tuple(new Date(reportedAt), id as number)));
    }
    const rows = await query
      .orderBy('m.reported_at', 'desc')
      .orderBy('m.id', 'desc')
      .limit(window.first + 1)
      .execute();
    return toConnection(rows, window.first, (row) => [row.reported_at.toISOString(), row.id]);
  },

  unregisteredChildren: async (_, { regionCode, first, after }, { db, principal }) => {
    const scope = regionListScope(scopeOf(principal, 'police'), regionCode);
    const window = pageWindow({ first, after }, 2);
    // "registered = false" prunes the registered branch of the view: only the pending handovers' index is read.
    let query = db.selectFrom('police_child').selectAll().where('registered', '=', false).where(childListedInScope(scope, 'police_child'));
    if (window.after) {
      const [village, id] = window.after.map(String) as [string, string];
      query = query.where((eb) => eb(eb.refTuple('place_code', 'id'), '>', eb.tuple(village, id)));
    }
    const rows = await query
      .orderBy('place_code')
      .orderBy('id')
      .limit(window.first + 1)
      .execute();
    return toConnection(rows, window.first, (row) => [row.place_code, row.id]);
  },
};
