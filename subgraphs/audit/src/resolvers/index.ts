import { scalarResolvers } from '@lbc/schema';
import type { Resolvers } from '../generated/resolvers-types.ts';
import { AccessAnomaly } from './access-anomaly.ts';
import { AuditEntry } from './audit-entry.ts';
import { JSONScalar } from './json-scalar.ts';
import { Mutation } from './mutation.ts';
import { Query } from './query.ts';

/** Resolvers of the audit subgraph (`Query.accessExplain` is added by createAuditSubgraph, which knows the supergraph). */
export const resolvers: Resolvers = {
  DateTime: scalarResolvers.DateTime,
  DivisionCode: scalarResolvers.DivisionCode,
  JSON: JSONScalar,
  Query,
  Mutation,
  AuditEntry,
  AccessAnomaly,
};
