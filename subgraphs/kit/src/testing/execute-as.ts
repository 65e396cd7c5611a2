import type { ApolloServer } from '@apollo/server';
import type { Principal, Purpose } from '@lbc/schema';
import type { Kysely } from 'kysely';
import type { FormattedExecutionResult } from 'graphql';
import { createContext } from '../server/create-subgraph-server.ts';
import type { SubgraphContext, SubgraphDefinition } from '../server/subgraph-definition.ts';

/** What a gateway token may carry beside the principal and purpose: a caller's Idempotency-Key, or the exchange's mark. */
export interface RequestExtras {
  idempotencyKey?: string;
  service?: 'exchange';
}

/**
 * Runs one operation against a subgraph server in-process, as `principal`, with fresh
 * per-request loaders — the way the HTTP path does after verifying the gateway token.
 */
export async function executeAs<DB, L, TData = Record<string, any>>(
  server: ApolloServer<SubgraphContext<DB, L>>,
  definition: SubgraphDefinition<DB, L>,
  db: Kysely<DB>,
  principal: Principal,
  query: string,
  variables: Record<string, unknown> = {},
  purpose: Purpose = 'CASE_MANAGEMENT',
  request: RequestExtras = {},
): Promise<FormattedExecutionResult<TData>> {
  const response = await server.executeOperation<TData>({ query, variables }, { contextValue: createContext(definition, db, { principal, purpose, requestId: 'test-request', ...request }) });
  if (response.body.kind !== 'single') throw new Error('expected a single (non-incremental) result');
  return response.body.singleResult;
}
