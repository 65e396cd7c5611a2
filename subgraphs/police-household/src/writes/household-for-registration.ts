import { assertInput, inputRules, type Problem, type WriteTransaction } from '@lbc/subgraph-kit';
import { sql } from 'kysely';
import type { PoliceContext } from '../context.ts';
import type { HouseholdRow, PoliceDB } from '../db-types.ts';
import type { NewHouseholdInput } from '../generated/resolvers-types.ts';
import { householdInScope } from '../jurisdiction.ts';

/**
 * The household a child is registered in: an existing one in the caller's jurisdiction
 * (its address under the region, or kept by the caller's station), locked so it cannot
 * change under the registration; or one opened now, with a number issued here. An unknown
 * number and one outside the jurisdiction answer alike, as the `household` query does:
 * household numbers are identifiers. The new household's village and station were checked
 * with the input (placementProblems).
 */
export async function householdForRegistration(
  write: WriteTransaction<PoliceDB>,
  context: PoliceContext,
  placement: { householdNumber?: string | null; newHousehold?: NewHouseholdInput | null },
  childId: string,
): Promise<HouseholdRow> {
  if (placement.householdNumber != null) {
    const row = await write.trx
      .selectFrom('household')
      .selectAll()
      .select(householdInScope(context.loaders.scope, 'household').as('in_scope'))
      .where('number', '=', placement.householdNumber)
      .forUpdate()
      .executeTakeFirst();
    assertInput({ householdNumber: !row?.in_scope && 'no household with this number in your jurisdiction' });
    const { in_scope: _, ...household } = row!;
    return household;
  }
  const input = placement.newHousehold!;
  const county = input.villageCode.slice(0, 6);
  const household = await write.trx
    .insertInto('household')
    .values({
      number: sql<string>`${county} || lpad(nextval('household_number')::text, 9, '0')`,
      address_code: input.villageCode,
      address_detail: input.addressDetail ?? null,
      head_name: input.headName,
      station_id: (input.stationId ?? context.loaders.scope.org)!,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  // Opened for this child: the audit entry names it.
  write.changed({
    record: 'Household',
    id: household.number,
    childId,
    change: 'created',
    fields: ['number', 'registeredAddress', ...(input.addressDetail != null ? ['addressDetail'] : []), 'headName', 'station'],
    fromVersion: null,
    toVersion: null,
  });
  return household;
}

/**
 * The rules of the household placement that need no database: exactly one of an existing
 * household or a new one; a new one in a village of the caller's region, kept by a named
 * station — for staff bound to a station, their own (the default).
 */
export function placementProblems(context: PoliceContext, placement: { householdNumber?: string | null; newHousehold?: NewHouseholdInput | null }): Record<string, Problem> {
  const { scope } = context.loaders;
  const { householdNumber, newHousehold: household } = placement;
  const problems: Record<string, Problem> = {
    householdNumber: (householdNumber == null) === (household == null) ? 'give either householdNumber (an existing household) or newHousehold, not both' : inputRules.text(householdNumber, 32),
  };
  if (!household) return problems;
  const village = household.villageCode;
  return {
    ...problems,
    'newHousehold.villageCode': village.length !== 12 ? 'must be a 12-digit village code' : (scope.none || village < scope.low || village > scope.high) && 'lies outside your jurisdiction',
    'newHousehold.addressDetail': inputRules.text(household.addressDetail, 200),
    'newHousehold.headName': inputRules.text(household.headName, 100, { required: true }),
    'newHousehold.stationId': scope.org ? household.stationId != null && household.stationId !== scope.org && 'must be your own station' : inputRules.text(household.stationId, 64, { required: true }),
  };
}
