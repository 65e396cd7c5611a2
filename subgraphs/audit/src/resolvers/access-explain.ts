import { apiSchemaFromSupergraph, explainAccess, fieldOwners } from '@lbc/schema';
import type { QueryResolvers } from '../generated/resolvers-types.ts';

/**
 * `Query.accessExplain` over a supergraph: the same planner the gateway runs before
 * executing, applied to a query given as an argument, for the principal in the gateway's
 * token and the purpose asked about. Nothing is executed. A case id is never taken as
 * verified here, so SENSITIVE fields under a case show as they stand without one.
 */
export function accessExplainResolver(supergraphSdl: string): NonNullable<QueryResolvers['accessExplain']> {
  const apiSchema = apiSchemaFromSupergraph(supergraphSdl);
  const owners = fieldOwners(supergraphSdl);
  return (_, { query, operationName, variables, purpose }, { principal }) => {
    const { fields } = explainAccess(apiSchema, owners, query, { operationName, variables: (variables ?? {}) as Record<string, unknown> }, { principal, purpose });
    return { purpose, fields };
  };
}
