import type { Migration } from 'kysely';
import * as auditLog from './0001-audit-log.ts';
import * as accessLogFilters from './0002-access-log-filters.ts';
import * as gatewayServesReads from './0003-gateway-serves-reads.ts';
import * as entrySeal from './0004-entry-seal.ts';

/** The hub database's migrations, in order. */
export const hubMigrations: Record<string, Migration> = {
  '0001-audit-log': auditLog,
  '0002-access-log-filters': accessLogFilters,
  '0003-gateway-serves-reads': gatewayServesReads,
  '0004-entry-seal': entrySeal,
};
