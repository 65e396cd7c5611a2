import type { Migration } from 'kysely';
import * as auditLog from './0001-audit-log.ts';
import * as accessLogFilters from './0002-access-log-filters.ts';
import * as gatewayServesReads from './0003-gateway-serves-reads.ts';
import * as entrySeal from './0004-entry-seal.ts';
import * as writeEntries from './0005-write-entries.ts';
import * as idempotentResponses from './0006-idempotent-responses.ts';
import * as exchange from './0007-exchange.ts';
import * as webhooks from './0008-webhooks.ts';
import * as qualitySweep from './0009-quality-sweep.ts';

/** The hub database's migrations, in order. */
export const hubMigrations: Record<string, Migration> = {
  '0001-audit-log': auditLog,
  '0002-access-log-filters': accessLogFilters,
  '0003-gateway-serves-reads': gatewayServesReads,
  '0004-entry-seal': entrySeal,
  '0005-write-entries': writeEntries,
  '0006-idempotent-responses': idempotentResponses,
  '0007-exchange': exchange,
  '0008-webhooks': webhooks,
  '0009-quality-sweep': qualitySweep,
};
