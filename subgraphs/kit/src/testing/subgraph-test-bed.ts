import type { Principal, Purpose } from '@lbc/schema';
import type { FormattedExecutionResult } from 'graphql';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import type { Database } from '../db/create-database.ts';
import { createSubgraphServer } from '../server/create-subgraph-server.ts';
import type { SubgraphDefinition } from '../server/subgraph-definition.ts';
import { executeAs, type RequestExtras } from './execute-as.ts';
import { APPLY_EVENTS } from './exchange-delivery.ts';
import { createTestDatabase } from './test-database.ts';
import { testPrincipal } from './test-principal.ts';

export interface SubgraphTestBed<DB> {
  /** The test database (valid inside tests and hooks). */
  readonly database: Database<DB>;
  /** Runs an operation in-process through the subgraph's Apollo server, as `principal` (default: the bed's). */
  run(query: string, variables?: Record<string, unknown>, principal?: Principal, purpose?: Purpose, request?: RequestExtras): Promise<FormattedExecutionResult<Record<string, any>>>;
  /** The rows of a table now: tests of writes compare it before and after ("nothing written"). */
  count(table: string): Promise<number>;
  /** Delivers events as the hub's exchange does (`_applyEvents` with the exchange's token). */
  deliver(events: readonly object[]): Promise<FormattedExecutionResult<Record<string, any>>>;
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
    count: async (table) => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(database!.db);
      return rows[0]!.n;
    },
    deliver: (events) => executeAs(server, definition, database!.db, testPrincipal(), APPLY_EVENTS, { events }, 'CASE_MANAGEMENT', { service: 'exchange' }),
  };
}
