import { pageWindow, toConnection, type Connection, type PageArgs } from '@lbc/subgraph-kit';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { AuditEntry } from '../store/audit-record.ts';
import { fromRow, type AuditEntryRow } from '../store/entry-row.ts';
import { afterRowId } from '../after-row-id.ts';
import type { HubDB } from '../store/hub-db.ts';

/**
 * One page of audit entries, newest first (seq order is commit order), in ONE statement.
 * Keyset on seq: the cursor is the last seq seen, so a deep page costs what the first does.
 */
export async function entryPage(db: Kysely<HubDB>, conditions: RawBuilder<boolean>, args: PageArgs): Promise<Connection<AuditEntry>> {
  const window = pageWindow(args, 1);
  const after = afterRowId(window);
  const { rows } = await sql<AuditEntryRow>`
    select e.* from audit_entry e
    where ${conditions} ${after === null ? sql`` : sql`and e.seq < ${after}`}
    order by e.seq desc
    limit ${window.first + 1}`.execute(db);
  return toConnection(rows.map(fromRow), window.first, (entry) => [entry.seq]);
}
