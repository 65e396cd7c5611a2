import { conflict } from '@lbc/schema';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { recordForWrite } from './record-for-write.ts';
import type { WriteTransaction } from './write-transaction.ts';

export interface VersionedUpdate {
  /** The table, and the record's key column and value in it. */
  table: string;
  key: { column: string; value: string | number };
  /** The version the caller read (`expectedVersion`). */
  expectedVersion: number;
  /** The columns to set: the version is bumped here, never by the caller. */
  set: Record<string, unknown>;
  /** SQL over the table's columns: the row lies in the caller's jurisdiction. */
  inJurisdiction: RawBuilder<boolean>;
  /** How messages name the record: `child c-12`. */
  what: string;
}

/**
 * Optimistic concurrency for records that can be edited: ONE statement updates the row
 * only if it still has the version the caller read and lies in the caller's jurisdiction,
 * and bumps its version. When nothing matched, a second statement tells why: no such
 * record (NOT_FOUND), outside the jurisdiction (FORBIDDEN), or changed meanwhile
 * (CONFLICT with `currentVersion`). Thrown inside the transaction, so nothing is written.
 */
export async function updateVersioned<DB>(write: WriteTransaction<DB>, update: VersionedUpdate): Promise<{ fromVersion: number; toVersion: number }> {
  const db = write.trx as unknown as Kysely<any>;
  const updated = await db
    .updateTable(update.table)
    .set({ ...update.set, version: sql`version + 1` })
    .where(update.key.column, '=', update.key.value)
    .where('version', '=', update.expectedVersion)
    .where(update.inJurisdiction)
    .returning('version')
    .executeTakeFirst();
  if (updated) return { fromVersion: update.expectedVersion, toVersion: Number(updated.version) };
  const current = await db
    .selectFrom(update.table)
    .select(['version', update.inJurisdiction.as('in_scope')])
    .where(update.key.column, '=', update.key.value)
    .executeTakeFirst();
  const { version } = recordForWrite(current, update.what);
  throw conflict(`${update.what} is at version ${version}, not ${update.expectedVersion}: read it again`, Number(version), { inResolver: true });
}
