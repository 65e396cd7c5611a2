import type { Principal, Purpose } from '@lbc/schema';
import type { FormattedExecutionResult } from 'graphql';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../db/create-database.ts';
import { createSubgraphServer } from '../server/create-subgraph-server.ts';
import type { SubgraphDefinition } from '../server/subgraph-definition.ts';
import { executeAs, type RequestExtras } from './execute-as.ts';
import { createTestDatabase } from './test-database.ts';
import { testPrincipal } from './test-principal.ts';

export interface SubgraphTestBed<DB> {
  /** The test database (valid inside tests and hooks). */
  readonly database: Database<DB>;
  /** Runs an operation in-process through the subgraph's Apollo server, as `principal` (default: the bed's). */
  run(query: string, variables?: Record<string, unknown>, principal?: Principal, purpose?: Purpose, request?: RequestExtras): Promise<FormattedExecutionResult<Record<string, any>>>;
}

/**
 * The set-up every subgraph test file needs, registered as vitest hooks: a fresh migrated
 * database with the file's fixtures, the subgraph's server, and a statement counter reset
 * before each test so tests can assert exact SQL costs.
 */
export function useSubgraphTestBed<DB, L>(definition: SubgraphDefinition<DB, L>, options: { fixtures: (db: Kysely<DB>) => Promise<void>; principal?: Principal }): SubgraphTestBed<DB> {
  const server = createSubgraphServer(definition);
  let database: Database<DB> | undefined;
  beforeAll(async () => {
    database = await createTestDatabase(definition);
    await options.fixtures(database.db);
  });
  afterAll(() => database?.close());
  beforeEach(() => database?.statements.reset());
  return {
    get database() {
      if (!database) throw new Error('the test database exists only inside tests and hooks');
      return database;
    },
    run: (query, variables, principal, purpose, request) => executeAs(server, definition, database!.db, principal ?? options.principal ?? testPrincipal(), query, variables, purpose, request),
  };
}
