import { assertInput, recordForWrite, type VersionedUpdate, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { EducationContext } from '../context.ts';
import type { DropoutReportRow, EducationDB } from '../db-types.ts';
import { schoolWritable } from './school-writable.ts';

/**
 * The open dropout report an edit is about, locked until the write commits, and only if
 * the school that filed it is the caller's to write for (the report stays with that
 * school: it is the one that must bring the child back). NOT_FOUND, FORBIDDEN, then
 * BAD_USER_INPUT on `input.reportId` for a closed report read at its current version (a
 * stale version is CONFLICT, in the update). Inside the transaction: nothing is written.
 */
export async function openReportForWrite(write: WriteTransaction<EducationDB>, context: EducationContext, reportId: string, expectedVersion: number): Promise<DropoutReportRow> {
  const row = await write.trx
    .selectFrom('dropout_report as d')
    .innerJoin('school as s', 's.id', 'd.school_id')
    .selectAll('d')
    .select(schoolWritable(context.loaders.scope, 's').as('in_scope'))
    .where('d.id', '=', reportId as never)
    .forUpdate('d')
    .executeTakeFirst();
  const report = recordForWrite(row, `dropout report ${reportId}`);
  assertInput({ reportId: report.version === expectedVersion && report.status === 'RETURNED' && 'is closed: the child returned to school' });
  return report;
}

/** An edit of a dropout report (`updateVersioned`): by the school that filed it, at the version the caller read. */
export function dropoutReportUpdate(context: EducationContext, reportId: string, expectedVersion: number, set: Record<string, unknown>): VersionedUpdate {
  return {
    table: 'dropout_report',
    key: { column: 'id', value: reportId },
    expectedVersion,
    set,
    inJurisdiction: sql<boolean>`exists (select 1 from school s where s.id = dropout_report.school_id and ${schoolWritable(context.loaders.scope, 's')})`,
    what: `dropout report ${reportId}`,
  };
}

/** The report as the edit left it: what the payload shows. */
export function reportAfterWrite(write: WriteTransaction<EducationDB>, reportId: string): Promise<DropoutReportRow> {
  return write.trx
    .selectFrom('dropout_report')
    .selectAll()
    .where('id', '=', reportId as never)
    .executeTakeFirstOrThrow();
}
