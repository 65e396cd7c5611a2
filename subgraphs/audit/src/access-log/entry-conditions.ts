import { badUserInput } from '@lbc/schema';
import { sql, type RawBuilder } from 'kysely';
import type { AccessLogFilter } from '../generated/resolvers-types.ts';
import { entryInScope, type AuditorScope } from '../scope/auditor-scope.ts';
import { childIdArgument } from './child-id.ts';
import { timeRange } from './time-range.ts';

/** Subjects are identifiers at an issuer; a bound keeps an absurd one out of SQL and logs. */
const MAX_SUBJECT_LENGTH = 256;

/**
 * The WHERE clause of an access-log query over `audit_entry e`: the caller's jurisdiction
 * first (nothing at all for non-auditors), then every filter given. Selective filters
 * have an index behind them (see store/migrations): subject (subject, seq), child (GIN on
 * child_ids), region (text_pattern_ops), time (at, seq), field class (GIN), break-glass and
 * non-ok outcomes (0002). Agency and purpose take a few values each, so the newest-first
 * scan of the primary key finds a page of them quickly.
 */
export function entryConditions(scope: AuditorScope, given: AccessLogFilter | null | undefined): RawBuilder<boolean> {
  const filter: AccessLogFilter = given ?? {};
  const conditions: RawBuilder<boolean>[] = [entryInScope(scope, filter.regionCode)];
  if (filter.subject != null) {
    if (filter.subject === '' || filter.subject.length > MAX_SUBJECT_LENGTH) {
      throw badUserInput(`"filter.subject" must be 1 to ${MAX_SUBJECT_LENGTH} characters`, { argumentName: 'filter.subject', inResolver: true });
    }
    conditions.push(sql`e.subject = ${filter.subject}`);
  }
  if (filter.agency) conditions.push(sql`e.agency = ${filter.agency}`);
  if (filter.childId != null) conditions.push(sql`e.child_ids @> array[${childIdArgument(filter.childId, 'filter.childId')}]::text[]`);
  const range = timeRange(filter.from, filter.to, 'filter');
  if (range.from) conditions.push(sql`e.at >= ${range.from}`);
  if (range.to) conditions.push(sql`e.at < ${range.to}`);
  if (filter.purpose) conditions.push(sql`e.purpose = ${filter.purpose}`);
  if (filter.outcome) conditions.push(sql`e.outcome = ${filter.outcome}`);
  if (filter.fieldClass) conditions.push(sql`e.field_classes @> array[${filter.fieldClass}]::text[]`);
  if (filter.breakGlass != null) conditions.push(sql`e.break_glass = ${filter.breakGlass}`);
  return sql`(${sql.join(conditions, sql` and `)})` as RawBuilder<boolean>;
}
