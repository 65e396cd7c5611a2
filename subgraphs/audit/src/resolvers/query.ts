import { accessLogCsv, csvLimit } from '../access-log/csv-export.ts';
import { childIdArgument } from '../access-log/child-id.ts';
import { entryConditions } from '../access-log/entry-conditions.ts';
import { entryPage } from '../access-log/entry-page.ts';
import { anomalyWindow } from '../anomalies/anomaly-window.ts';
import { findAnomalies } from '../anomalies/find-anomalies.ts';
import { exchangeLag } from '../exchange/exchange-lag.ts';
import { webhookBacklog } from '../exchange/webhook-backlog.ts';
import type { QueryResolvers } from '../generated/resolvers-types.ts';
import { listNotices } from '../notices/list-notices.ts';

/**
 * The auditors' tools and the owner agencies' notices. The kit has already applied the
 * field rule (AUDIT fields: auditors only); every statement here applies the row rule
 * too (loaders.scope: nothing for non-auditors), so neither check depends on the other.
 * `accessExplain` is added by createAuditSubgraph (it needs the supergraph).
 */
export const Query: QueryResolvers = {
  accessLog: (_, { filter, first, after }, { db, loaders }) => entryPage(db, entryConditions(loaders.scope, filter), { first, after }),

  accessLogCsv: (_, { filter, limit }, { db, loaders }) => {
    const lines = csvLimit(limit);
    return accessLogCsv(db, entryConditions(loaders.scope, filter), lines);
  },

  childAccessHistory: (_, { childId, first, after }, { db, loaders }) => entryPage(db, entryConditions(loaders.scope, { childId: childIdArgument(childId, 'childId') }), { first, after }),

  accessAnomalies: (_, { window }, { db, loaders }) => {
    const { from, to } = anomalyWindow(window);
    return findAnomalies(db, loaders.scope, from, to);
  },

  exchangeLag: (_, __, { db, loaders }) => (loaders.scope.auditor && loaders.scope.seesUnauthenticated ? exchangeLag(db) : []),
  webhookBacklog: (_, __, { db, loaders }) => (loaders.scope.auditor && loaders.scope.seesUnauthenticated ? webhookBacklog(db) : []),

  accessNotices: (_, { unacknowledgedOnly, first, after }, { db, principal }) => listNotices(db, principal, unacknowledgedOnly ?? true, { first, after }),
};
