import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import type { Principal, Purpose, VerifiedCase } from '@lbc/schema';
import type { DocumentNode } from 'graphql';
import type { Kysely, Migration } from 'kysely';
import type { EventHandlers } from '../exchange/apply-events.ts';
import type { Logger } from '../log/logger.ts';
import type { RollupDefinition } from '../rollups/rollup-definition.ts';
import type { WriteChange } from '../writes/write-change.ts';

export const SUBGRAPH_NAMES = ['civil-affairs', 'education-enrollment', 'police-household', 'health', 'handoffs', 'audit'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** What every resolver receives: who asks, and this request's database handle and loaders. */
export interface SubgraphContext<DB, Loaders> {
  principal: Principal;
  /** The purpose the gateway vouched for; rules such as small-cell suppression depend on it. */
  purpose: Purpose;
  /** Break-glass justification, as the gateway received it. */
  justification?: string | undefined;
  /** The protection case the gateway verified for this request: it opens SENSITIVE fields of its child only. */
  case?: VerifiedCase | undefined;
  /** The one child break-glass opens in this request, when the gateway knew it: no other child's record is opened by it. */
  breakGlassChild?: string | undefined;
  requestId: string;
  /** The caller's Idempotency-Key, for mutations (runWrite records it with the write). */
  idempotencyKey?: string | undefined;
  /** Set when the hub's exchange calls (its internal fields answer nothing else). */
  service?: 'exchange' | undefined;
  db: Kysely<DB>;
  loaders: Loaders;
  /** What this request's mutations committed: reported to the gateway for the audit entry. */
  writes: WriteChange[];
}

/**
 * Everything that makes one agency's subgraph: the shared bootstrap turns this into a
 * running service, a test server or a migrated database.
 */
export interface SubgraphDefinition<DB, Loaders> {
  name: SubgraphName;
  typeDefs: DocumentNode;
  resolvers: GraphQLResolverMap<SubgraphContext<DB, Loaders>>;
  migrations: Record<string, Migration>;
  /**
   * Fresh per request: DataLoader caches must never outlive one caller's request, and
   * loaders apply the caller's jurisdiction in SQL, so they are built for that principal.
   */
  createLoaders(db: Kysely<DB>, principal: Principal): Loaders;
  /**
   * An agency subgraph takes part in the exchange: it serves the kit's internal fields
   * (read its outbox, apply others' events) and applies the event kinds it has handlers for
   * to its own rows (places it applies always). The hub's own subgraph does not.
   */
  exchange?: { handlers?: EventHandlers<DB> };
  /** The count tables its region aggregates read: the seed rebuilds them, the consistency check recounts them. */
  rollups?: readonly RollupDefinition[];
  /**
   * Upkeep while the service runs (e.g. moving a rollup's clock to today): started with the
   * service, after its first run; returns how to stop it. It logs its own failures.
   */
  maintain?(db: Kysely<DB>, log: Logger): Promise<() => void>;
}

/** Environment variable naming a service's PostgreSQL URL, e.g. CIVIL_AFFAIRS_DATABASE_URL. */
export function databaseUrlVariable(name: SubgraphName): string {
  return `${name.toUpperCase().replace(/-/g, '_')}_DATABASE_URL`;
}
