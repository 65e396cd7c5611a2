import { COUNTED_FACTS, countedFactOf, decide, type Agency, type CountedFact, type Principal, type Purpose, type StatsType } from '@lbc/schema';
import { hasRecordAccess, SMALL_CELL_THRESHOLD } from './scope.ts';

/** Who asks, and why: all that disclosure control depends on besides the count. */
export interface CountCaller {
  principal: Principal;
  purpose: Purpose;
}

/**
 * Whether `caller` gets a count of `fact` exactly, in the subgraph of agency `owner`: it
 * must have record access (county, town or village at work on records, or a city or
 * province under SUPERVISION) and be allowed to read the counted fact on a child's record
 * (`decide`, with this subgraph's agency as owner). A youth-league county officer thus
 * gets exact BASIC counts but not exact counts of risk flags or diagnoses. No case id and
 * no break-glass here: they open one child's record, never statistics.
 */
export function countsExactly(caller: CountCaller, fact: CountedFact, owner: Agency): boolean {
  if (fact === 'PUBLIC') return true;
  if (!hasRecordAccess(caller.principal, caller.purpose)) return false;
  // No case, no justification, no record: a count is nobody's record, so nothing opens it beyond the plain rule.
  return decide({ principal: caller.principal, purpose: caller.purpose }, fact, [owner]).effect === 'allow';
}

/**
 * The disclosure-controlled form of a count, for callers who may not have it exactly:
 * bands of five. A number n stands for "n to n + 4"; null for "fewer than 5", zero
 * included. Every released value covers five possible counts, so subtracting released
 * figures (a county minus its towns, a total minus its other categories) leaves a range,
 * not the suppressed count. The same count always gives the same answer, so asking again
 * reveals nothing new. A true 0 is banded with 1–4: if 0 stayed exact, null would prove
 * that at least one child has the fact, and every exact zero would hand differencing an
 * exact term. Rounding down, not to the nearest: all bands then have the same width, and
 * a total can only pin its parts when five (or ten...) of them all sit at the top of
 * their band. With nearest rounding three towns suffice: a county of 18 shown as 20, two
 * towns of 7 shown as 5 (5 to 7), and the suppressed third must be 4.
 */
export function bandCount(count: number | null): number | null {
  if (count === null || count < SMALL_CELL_THRESHOLD) return null;
  return count - (count % SMALL_CELL_THRESHOLD);
}

/** One count of `Type.field` as released to `caller` by the subgraph of `owner`: exact, or banded. */
export function releaseCount(count: number | null, typeName: string, fieldName: string, caller: CountCaller, owner: Agency): number | null {
  return countsExactly(caller, countedFactOf(typeName, fieldName), owner) ? count : bandCount(count);
}

/** The keys of `Row` that hold counts. */
type CountKeys<Row> = { [K in keyof Row]: Row[K] extends number | null ? K : never }[keyof Row];

/** A field resolver of a count: the caller is all it needs from the context. */
export type CountResolver<Row> = (row: Row, args: unknown, caller: CountCaller) => number | null;

/**
 * The field resolvers of a stats type: each field reads its column of the stats row and
 * releases it for the caller (see releaseCount). Release happens per field, keyed by the
 * same `Type.field` as the counted-fact declarations. `columns` must map exactly the
 * declared counts (PUBLIC ones may be left to the default resolver): a count left out
 * would be resolved unreleased, so that throws when the subgraph loads.
 */
export function countResolvers<Row>(typeName: StatsType, owner: Agency, columns: Record<string, CountKeys<Row>>): Record<string, CountResolver<Row>> {
  const declared = Object.entries(COUNTED_FACTS[typeName]);
  const missing = declared.filter(([field, fact]) => fact !== 'PUBLIC' && !(field in columns)).map(([field]) => field);
  const undeclared = Object.keys(columns).filter((field) => !declared.some(([name]) => name === field));
  if (missing.length > 0 || undeclared.length > 0) {
    throw new Error(`${typeName}: counts without release [${missing.join(', ')}], fields without a counted fact [${undeclared.join(', ')}]`);
  }
  return Object.fromEntries(
    Object.entries(columns).map(([field, column]): [string, CountResolver<Row>] => [field, (row, _args, caller) => releaseCount(row[column] as number | null, typeName, field, caller, owner)]),
  );
}
