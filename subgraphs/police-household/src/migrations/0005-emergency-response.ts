import { runDdl } from '@lbc/subgraph-kit';
import type { Kysely } from 'kysely';

/** As 0001 created it (20 responses and one more); `m.*` takes the table's columns as they are when it runs. */
const mandatoryReportWithResponses = `create view mandatory_report_with_responses as
        select m.*,
          (select coalesce(jsonb_agg(to_jsonb(e) order by e.responded_at desc, e.id desc), '[]'::jsonb)
            from (select * from emergency_response x where x.report_id = m.id
                  order by x.responded_at desc, x.id desc limit 21) e) as first_responses
        from mandatory_report m`;

/**
 * Emergency responses recorded against a hand-off. A report the police open for a hand-off
 * from the hub carries its id (`handoff_id`, HO + 9 digits): the hub's database is elsewhere,
 * so it is a plain reference, unique here so that every later call for the same hand-off
 * finds the same report, and null for the reports taken before the hub. `station_id` is the
 * police station whose staff took the report up; null when the town or county bureau did.
 * The view selects m.*, fixed when it was created: it is recreated so that its rows carry
 * the new columns too (they come last, before the responses).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `alter table mandatory_report add column handoff_id text unique check (handoff_id ~ '^HO[0-9]{9}$')`,
    `alter table mandatory_report add column station_id text`,
    `drop view mandatory_report_with_responses`,
    mandatoryReportWithResponses,
  ]);
}

export async function down(db: Kysely<any>): Promise<void> {
  await runDdl(db, [
    `drop view mandatory_report_with_responses`,
    `alter table mandatory_report drop column station_id`,
    `alter table mandatory_report drop column handoff_id`,
    mandatoryReportWithResponses,
  ]);
}
