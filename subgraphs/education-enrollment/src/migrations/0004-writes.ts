import { runDdl, WRITE_TABLES_DDL } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/**
 * The enrollment system becomes writable: the kit's outbox, inbox and idempotency tables; a
 * version on the records that are edited (an enrollment closed by a transfer, a dropout
 * report moved through persuasion to return); the school days of a month, so that absences
 * can be checked against them; persuasion visits on a report; and the uniqueness the writes
 * rely on, enforced by the database so that two concurrent writes cannot both pass a check.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    ...WRITE_TABLES_DDL,
    `alter table enrollment add column version integer not null default 1`,
    // A student number is one child's: two pupils enrolled now never share one (the writes also refuse a number any other child ever had).
    `create unique index enrollment_current_student_number_idx on enrollment (student_number) where current`,
    `alter table attendance add column school_days smallint check (school_days between 0 and 31)`,
    `alter table attendance add constraint attendance_absence_within_school_days check (unexcused_days + excused_days <= school_days)`,
    `alter table dropout_report add column version integer not null default 1`,
    `alter table dropout_report add column persuasion_attempts smallint not null default 0 check (persuasion_attempts >= 0)`,
    `alter table dropout_report add column last_persuasion_on date check (last_persuasion_on >= reported_on)`,
    // At most one open report per child: persuasion and return always act on THE open report.
    `create unique index dropout_report_one_open_idx on dropout_report (child_id) where status <> 'RETURNED'`,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `drop index dropout_report_one_open_idx`,
    `alter table dropout_report drop column last_persuasion_on, drop column persuasion_attempts, drop column version`,
    `alter table attendance drop constraint attendance_absence_within_school_days, drop column school_days`,
    `drop index enrollment_current_student_number_idx`,
    `alter table enrollment drop column version`,
    `drop table write_request`,
    `drop table inbox`,
    `drop table outbox`,
  ]);
}
