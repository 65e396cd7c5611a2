import { sql, type Kysely } from 'kysely';
import type { AnomalyKind } from '../generated/resolvers-types.ts';
import { entryInScope, type AuditorScope } from '../scope/auditor-scope.ts';
import type { HubDB } from '../store/hub-db.ts';
import type { Anomaly } from './anomaly.ts';
import { failedIdentifierLookup, hasDenials, outOfHours, throttledLookup } from './anomaly-conditions.ts';
import {
  BREAK_GLASS_MINIMUM,
  FAILED_IDENTIFIER_LOOKUPS_MINIMUM,
  MANY_CHILDREN_MINIMUM,
  MANY_CHILDREN_PEER_FACTOR,
  MANY_DENIALS_MINIMUM,
  OUT_OF_HOURS_MINIMUM,
  WORKING_HOURS_END,
  WORKING_HOURS_START,
} from './anomaly-thresholds.ts';

interface FindingRow {
  kind: AnomalyKind;
  issuer: string;
  subject: string;
  agency: string;
  level: string;
  region: string;
  value: number;
  peers: number;
  peer_children: number;
  emergency: number;
  throttled: number;
}

/**
 * Every anomaly in the window among the entries in the caller's jurisdiction, in ONE
 * statement of aggregates: entries are grouped per principal (issuer, subject, agency,
 * level, region — who the token said the caller was) and never loaded into memory.
 * Peers of a principal are the other principals of its agency and level with entries in
 * the same window and jurisdiction; a principal without peers is never MANY_CHILDREN,
 * having no one to differ from. Results come grouped by kind (in the enum's order), the
 * largest measure first.
 */
export async function findAnomalies(db: Kysely<HubDB>, scope: AuditorScope, from: Date, to: Date): Promise<Anomaly[]> {
  const { rows } = await sql<FindingRow>`
    with w as (
      select e.issuer, e.subject, e.agency, e.level, e.region, e.child_ids, e.purpose, e.break_glass,
        ${outOfHours} as out_of_hours,
        ${failedIdentifierLookup} as failed_lookup, ${throttledLookup} as throttled,
        case when ${hasDenials} then jsonb_array_length(e.denied) else 0 end as denied
      from audit_entry e
      where e.at >= ${from} and e.at < ${to} and e.subject is not null and ${entryInScope(scope)}
    ),
    per_principal as (
      select issuer, subject, agency, level, region,
        count(*) filter (where out_of_hours)::int as out_of_hours,
        count(*) filter (where out_of_hours and purpose = 'EMERGENCY')::int as out_of_hours_emergency,
        coalesce(sum(denied), 0)::int as denied,
        count(*) filter (where break_glass)::int as break_glass,
        count(*) filter (where failed_lookup)::int as failed_lookups,
        count(*) filter (where failed_lookup and throttled)::int as throttled_lookups
      from w
      group by issuer, subject, agency, level, region
    ),
    -- Apart from the counts above: unnesting multiplies an entry by its children.
    children as (
      select issuer, subject, agency, level, region, count(distinct c.child_id)::int as children
      from w cross join lateral unnest(w.child_ids) as c(child_id)
      group by issuer, subject, agency, level, region
    ),
    measured as (
      select p.*, coalesce(c.children, 0) as children,
        (count(*) over peers - 1)::int as peers,
        (sum(coalesce(c.children, 0)) over peers - coalesce(c.children, 0))::int as peer_children
      from per_principal p left join children c using (issuer, subject, agency, level, region)
      window peers as (partition by p.agency, p.level)
    )
    select kind, issuer, subject, agency, level, region, value, peers, peer_children, emergency, throttled from (
      -- children > factor × (peer_children / peers), in integers.
      select 1 as ordinal, 'MANY_CHILDREN' as kind, issuer, subject, agency, level, region, children as value, peers, peer_children, 0 as emergency, 0 as throttled
        from measured
        where peers > 0 and children >= ${MANY_CHILDREN_MINIMUM} and children * peers > ${MANY_CHILDREN_PEER_FACTOR} * peer_children
      union all
      select 2, 'OUT_OF_HOURS', issuer, subject, agency, level, region, out_of_hours, peers, peer_children, out_of_hours_emergency, 0
        from measured where out_of_hours >= ${OUT_OF_HOURS_MINIMUM}
      union all
      select 3, 'MANY_DENIALS', issuer, subject, agency, level, region, denied, peers, peer_children, 0, 0
        from measured where denied >= ${MANY_DENIALS_MINIMUM}
      union all
      select 4, 'BREAK_GLASS', issuer, subject, agency, level, region, break_glass, peers, peer_children, 0, 0
        from measured where break_glass >= ${BREAK_GLASS_MINIMUM}
      union all
      select 5, 'FAILED_IDENTIFIER_LOOKUPS', issuer, subject, agency, level, region, failed_lookups, peers, peer_children, 0, throttled_lookups
        from measured where failed_lookups >= ${FAILED_IDENTIFIER_LOOKUPS_MINIMUM}
    ) findings
    order by ordinal, value desc, subject, region`.execute(db);
  return rows.map((row) => ({
    kind: row.kind,
    issuer: row.issuer,
    subject: row.subject,
    agency: row.agency,
    level: row.level,
    region: row.region,
    value: row.value,
    summary: summaryOf(row),
    windowFrom: from,
    windowTo: to,
  }));
}

function summaryOf(row: FindingRow): string {
  switch (row.kind) {
    case 'MANY_CHILDREN': {
      const mean = Math.round((row.peer_children / row.peers) * 10) / 10;
      return `read ${count(row.value, 'child', 'children')}; ${count(row.peers, 'peer', 'peers')} (same agency and level) read ${mean} on average`;
    }
    case 'OUT_OF_HOURS':
      return `${count(row.value, 'entry', 'entries')} returning child data outside ${WORKING_HOURS_START}–${WORKING_HOURS_END} China time (${row.emergency} under EMERGENCY)`;
    case 'MANY_DENIALS':
      return `${count(row.value, 'field', 'fields')} denied`;
    case 'BREAK_GLASS':
      return `${count(row.value, 'break-glass entry', 'break-glass entries')}`;
    case 'FAILED_IDENTIFIER_LOOKUPS':
      return `${count(row.value, 'entry', 'entries')} with lookups by identifier that found nothing or were refused (${row.throttled} refused as throttled)`;
  }
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
