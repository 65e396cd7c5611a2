import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';
import { AUDIT_WRITER_ROLE } from './0001-audit-log.ts';

/**
 * The gateway process also serves the audit subgraph over its one hub connection, so its
 * role must do what the subgraph does: read everything and record acknowledgements. Still
 * nothing that changes or removes a row. (Table grants, not role membership: grants are
 * per database, so parallel hub databases on one server never race on them.)
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [`grant select, insert on access_notice_ack to ${AUDIT_WRITER_ROLE}`]);
}
