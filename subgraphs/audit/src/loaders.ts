import type { Principal } from '@lbc/schema';
import type DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { anomalyEntriesLoaders } from './anomalies/anomaly-entries.ts';
import type { Anomaly } from './anomalies/anomaly.ts';
import { auditorScope, type AuditorScope } from './scope/auditor-scope.ts';
import type { AuditEntry } from './store/audit-record.ts';
import type { HubDB } from './store/hub-db.ts';

/** Per-request loaders of the audit subgraph, built for one caller. */
export interface AuditLoaders {
  db: Kysely<HubDB>;
  principal: Principal;
  /** Which entries the caller may read (none unless an auditor). */
  scope: AuditorScope;
  /** The entries behind anomalies, batched per `first`. */
  anomalyEntries(first: number | null | undefined): DataLoader<Anomaly, AuditEntry[], string>;
}

export function createLoaders(db: Kysely<HubDB>, principal: Principal): AuditLoaders {
  const scope = auditorScope(principal);
  return { db, principal, scope, anomalyEntries: anomalyEntriesLoaders(db, scope) };
}
