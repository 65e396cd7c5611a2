import { MAX_BATCH_SIZE, pageSize } from '@lbc/subgraph-kit';
import DataLoader from 'dataloader';
import { sql, type Kysely } from 'kysely';
import { entryInScope, type AuditorScope } from '../scope/auditor-scope.ts';
import type { AuditEntry } from '../store/audit-record.ts';
import { fromRow, type AuditEntryRow } from '../store/entry-row.ts';
import type { HubDB } from '../store/hub-db.ts';
import type { Anomaly } from './anomaly.ts';
import { ANOMALY_KINDS } from './anomaly.ts';
import { ENTRIES_BEHIND } from './anomaly-conditions.ts';

/**
 * Per-request loaders of "the entries behind an anomaly", one per `first`: every anomaly
 * of a response asked with the same `first` is answered by ONE statement — a lateral
 * subquery per anomaly, each an index scan of that principal's entries (subject, seq).
 * The jurisdiction is applied again: the entries come from the log, not from the finding.
 */
export function anomalyEntriesLoaders(db: Kysely<HubDB>, scope: AuditorScope): (first: number | null | undefined) => DataLoader<Anomaly, AuditEntry[], string> {
  const loaders = new Map<number, DataLoader<Anomaly, AuditEntry[], string>>();
  return (requested) => {
    const first = pageSize(requested);
    let loader = loaders.get(first);
    if (!loader) {
      loader = new DataLoader((anomalies) => entriesBehind(db, scope, anomalies, first), { cacheKeyFn: anomalyKey, maxBatchSize: MAX_BATCH_SIZE });
      loaders.set(first, loader);
    }
    return loader;
  };
}

function anomalyKey(a: Anomaly): string {
  return JSON.stringify([a.kind, a.issuer, a.subject, a.agency, a.level, a.region, a.windowFrom.toISOString(), a.windowTo.toISOString()]);
}

async function entriesBehind(db: Kysely<HubDB>, scope: AuditorScope, anomalies: readonly Anomaly[], first: number): Promise<AuditEntry[][]> {
  const keys = anomalies.map(anomalyKey);
  const targets = anomalies.map(
    (a, i) =>
      sql`(${keys[i]}::text, ${a.kind}::text, ${a.issuer}::text, ${a.subject}::text, ${a.agency}::text, ${a.level}::text, ${a.region}::text, ${a.windowFrom}::timestamptz, ${a.windowTo}::timestamptz)`,
  );
  const behind = sql.join(
    ANOMALY_KINDS.map((kind) => sql`(a.kind = ${kind} and ${ENTRIES_BEHIND[kind]})`),
    sql` or `,
  );
  const { rows } = await sql<AuditEntryRow & { anomaly_key: string }>`
    select a.anomaly_key, found.*
    from (values ${sql.join(targets)}) as a(anomaly_key, kind, issuer, subject, agency, level, region, from_at, to_at)
    cross join lateral (
      select e.* from audit_entry e
      where e.subject = a.subject and e.issuer = a.issuer and e.agency = a.agency and e.level = a.level and e.region = a.region
        and e.at >= a.from_at and e.at < a.to_at
        and ${entryInScope(scope)}
        and (${behind})
      order by e.seq desc
      limit ${first}
    ) found
    order by a.anomaly_key, found.seq desc`.execute(db);
  const byKey = new Map<string, AuditEntry[]>(keys.map((key) => [key, []]));
  for (const { anomaly_key, ...row } of rows) byKey.get(anomaly_key)?.push(fromRow(row as AuditEntryRow));
  return keys.map((key) => byKey.get(key)!);
}
