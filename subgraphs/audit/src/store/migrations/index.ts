import type { Migration } from 'kysely';
import * as auditLog from './0001-audit-log.ts';

/** The hub database's migrations, in order. */
export const hubMigrations: Record<string, Migration> = {
  '0001-audit-log': auditLog,
};
