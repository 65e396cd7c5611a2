import { checkRollups, migrateToLatest, regionRanges } from '@lbc/subgraph-kit';
import { createTestDatabase, deliveredEvent, testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { Migrator, sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PoliceDB } from '../src/db-types.ts';
import { policeHousehold } from '../src/index.ts';
import { createLoaders, type HouseholdStatsRow } from '../src/loaders.ts';
import { migrations } from '../src/migrations/index.ts';
import { ROLLUPS } from '../src/rollups/index.ts';
import { HOUSEHOLD } from './fixtures.ts';
import { insertJurisdictionFixtures, JURISDICTION_HOUSEHOLD } from './jurisdiction-fixtures.ts';
import { insertWriteFixtures, PENDING } from './write-fixtures.ts';

const countyOfficer = testPrincipal({ agency: 'police' });
const bed = useSubgraphTestBed(policeHousehold, { fixtures: insertWriteFixtures, principal: countyOfficer });
const db = () => bed.database.db;

/** Province, counties, towns and villages of the fixtures, and a province with nobody in it. */
const REGIONS = ['43', '431003', '431003101', '431003102', '431003101201', '431003101202', '431003101203', '431003102201', '431003102203', '21', '210421100201', '11'];
const V201 = '431003101201';
const V202 = '431003101202';
const V203 = '431003101203';

/** What Region.householdStats resolves from: the region loader, summing the rollup. */
async function stats(codes: readonly string[] = REGIONS): Promise<HouseholdStatsRow[]> {
  const rows = await createLoaders(db(), countyOfficer).householdStats.loadMany(codes);
  return rows as HouseholdStatsRow[];
}
const statsOf = async (code: string) => (await stats([code]))[0]!;

/** The region counts straight from the children's rows: the statement the rollup replaced, unchanged. */
async function recount(codes: readonly string[] = REGIONS): Promise<HouseholdStatsRow[]> {
  const { rows } = await sql<HouseholdStatsRow>`
    select r.code,
      count(c.id) filter (where c.registered)::int as registered_children,
      count(c.id) filter (where c.registration_status = 'REGISTERED_AFTER_REPORT')::int as registered_after_report,
      count(c.id) filter (where not c.registered)::int as unregistered_pending,
      coalesce(sum(m.received), 0)::int as mandatory_reports_awaiting_response,
      coalesce(sum(m.responding), 0)::int as mandatory_reports_responding,
      count(c.id) filter (where exists (
        select 1 from missing_report x where x.child_id = c.id and x.found_at is null))::int as missing_children_not_found,
      count(c.id) filter (where exists (
        select 1 from parent_status s where s.child_id = c.id and s.status = 'SERVING_SENTENCE' and s.ended_on is null
      ))::int as children_with_parent_serving_sentence
    from ${regionRanges(codes)}
    left join lateral (
      select p.id, p.registered, p.registration_status from police_child p where p.place_code between r.low and r.high offset 0
    ) c on true
    left join lateral (
      select count(*) filter (where mr.status = 'RECEIVED') as received,
        count(*) filter (where mr.status = 'RESPONDING') as responding
      from mandatory_report mr where mr.child_id = c.id
    ) m on true
    group by r.code`.execute(db());
  return codes.map((code) => rows.find((r) => r.code === code)!);
}

/** The rollup agrees with the rows everywhere, and every region's stats with a recount. */
async function expectConsistent(): Promise<void> {
  expect(await checkRollups(db(), ROLLUPS)).toEqual([]);
  expect(await stats()).toEqual(await recount());
  expect((await sql`select * from rollup_pending`.execute(db())).rows).toEqual([]);
}

const rollupRows = async () => (await sql`select * from household_village order by village_code`.execute(db())).rows;

/** `after` minus `before`, count by count (the code dropped). */
function delta(before: HouseholdStatsRow, after: HouseholdStatsRow): Record<string, number> {
  const { code: _, ...counts } = after;
  return Object.fromEntries(
    Object.entries(counts)
      .map(([k, v]) => [k, v - before[k as keyof typeof counts]])
      .filter(([, v]) => v !== 0),
  );
}

const REGISTER = `mutation Register($input: RegisterUnregisteredChildInput!) {
  registerUnregisteredChild(input: $input) { registration { status version } child { id householdRegistrationStatus } }
}`;
const RECORD = `mutation Record($input: RecordParentPoliceStatusInput!) {
  recordParentPoliceStatus(input: $input) { parentStatus { version } }
}`;
const RESPOND = `mutation Respond($input: RecordEmergencyResponseInput!) {
  recordEmergencyResponse(input: $input) { mandatoryReport { status } }
}`;
const STATS = `query($reps: [_Any!]!) { _entities(representations: $reps) {
    ... on Region { code householdStats { registeredChildren registeredAfterReport unregisteredPending
      mandatoryReportsAwaitingResponse mandatoryReportsResponding missingChildrenNotFound childrenWithParentServingSentence } }
  } }`;

describe('the household rollup', () => {
  it('is counted by the migration and the fixtures: every region equals a recount of its children', async () => {
    await expectConsistent();
    // The figures the region stats tests assert, now from the rollup; the fixture children of town 102 too.
    expect(await statsOf('431003101')).toEqual({
      code: '431003101',
      registered_children: 3,
      registered_after_report: 1,
      unregistered_pending: 2 + Object.values(PENDING).length - 1,
      mandatory_reports_awaiting_response: 1,
      mandatory_reports_responding: 1,
      missing_children_not_found: 1,
      children_with_parent_serving_sentence: 2,
    });
    expect(await statsOf('431003102203')).toMatchObject({ registered_children: 5, unregistered_pending: 1, mandatory_reports_awaiting_response: 1 });
    // A region nobody is placed in: zeros, as a count over no children gives.
    const zero = (await recount(['11']))[0]!;
    expect(Object.values(zero).filter((v) => v !== 0)).toEqual(['11']);
    expect(await statsOf('11')).toEqual(zero);
  });

  it('answers a batch of regions with one statement over the rollup', async () => {
    bed.database.statements.reset();
    await stats();
    expect(bed.database.statements.count).toBe(1);
    bed.database.statements.reset();
    const result = await bed.run(STATS, { reps: ['431003', V201, '431003102', V202].map((code) => ({ __typename: 'Region', code })) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities.map((r: any) => r.code)).toEqual(['431003', V201, '431003102', V202]);
    expect(bed.database.statements.count).toBe(1);
  });
});

describe('writes keep the rollup', () => {
  it('moves a registered handover from pending to registered after report, in its village', async () => {
    const before = await statsOf(V202);
    const result = await bed.run(REGISTER, {
      input: { childId: PENDING.intoExisting, expectedVersion: 1, birthDate: '2019-04-02', sex: 'FEMALE', householdNumber: HOUSEHOLD.li, relationshipToHead: 'DAUGHTER' },
    });
    expect(result.errors).toBeUndefined();
    expect(delta(before, await statsOf(V202))).toEqual({ registered_children: 1, registered_after_report: 1, unregistered_pending: -1 });
    await expectConsistent();
  });

  it('moves a handover registered in a new household of another village between the villages', async () => {
    const [before202, before203] = await stats([V202, V203]);
    const result = await bed.run(REGISTER, {
      input: {
        childId: PENDING.sameDayFirst,
        expectedVersion: 1,
        birthDate: '2019-04-02',
        sex: 'MALE',
        newHousehold: { villageCode: V203, headName: '周大勇', stationId: 'PS-431003101' },
        relationshipToHead: 'SON',
      },
    });
    expect(result.errors).toBeUndefined();
    const [after202, after203] = await stats([V202, V203]);
    expect(delta(before202!, after202!)).toEqual({ unregistered_pending: -1 });
    expect(delta(before203!, after203!)).toEqual({ registered_children: 1, registered_after_report: 1 });
    await expectConsistent();
  });

  it('leaves the rollup as it was when a write is refused or rolls back', async () => {
    const rows = await rollupRows();
    // A handover's version moves no count; registering at the old version is then refused.
    await db().updateTable('unregistered_child').set({ version: 2 }).where('child_id', '=', PENDING.stale).execute();
    const stale = await bed.run(REGISTER, {
      input: { childId: PENDING.stale, expectedVersion: 1, birthDate: '2019-04-02', sex: 'FEMALE', householdNumber: HOUSEHOLD.li, relationshipToHead: 'DAUGHTER' },
    });
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT' });
    const refused = await bed.run(RECORD, { input: { childId: 'LB000000001', parent: 'FATHER', status: 'SERVING_SENTENCE', since: '2999-01-01' } });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx
            .insertInto('mandatory_report')
            .values({ child_id: 'LB000000001', reporter_kind: 'SCHOOL', category: 'MISSING', reported_at: '2025-01-01T00:00:00Z', status: 'RECEIVED', details: null })
            .execute();
          await trx.updateTable('household').set({ address_code: V203 }).where('number', '=', HOUSEHOLD.wang).execute();
          throw new Error('the write fails');
        }),
    ).rejects.toThrow('the write fails');
    expect(await rollupRows()).toEqual(rows);
    await expectConsistent();
  });

  it("counts a parent's sentence while it is current, and not once it has ended", async () => {
    const before = await statsOf(V201);
    const sentence = { childId: 'LB000000001', parent: 'FATHER', status: 'SERVING_SENTENCE', since: '2020-01-01' };
    const recorded = await bed.run(RECORD, { input: sentence });
    expect(recorded.errors).toBeUndefined();
    expect(delta(before, await statsOf(V201))).toEqual({ children_with_parent_serving_sentence: 1 });
    await expectConsistent();
    const ended = await bed.run(RECORD, { input: { ...sentence, endedOn: '2021-01-01', expectedVersion: 1 } });
    expect(ended.errors).toBeUndefined();
    expect(delta(before, await statsOf(V201))).toEqual({});
    await expectConsistent();
  });

  it("counts the report an emergency response opens as responding, in its child's village", async () => {
    const before = await statsOf(V201);
    const station101 = testPrincipal({ agency: 'police', level: 'town', region: '431003101', org: 'PS-431003101' });
    const input = { childId: 'LB000000001', handoffId: 'HO000000901', category: 'LIVING_ALONE', reporterKind: 'SCHOOL', reportedAt: '2025-03-02T08:30:00Z', actions: ['SEARCH_STARTED'] };
    const result = await bed.run(RESPOND, { input }, station101, 'EMERGENCY');
    expect(result.errors).toBeUndefined();
    expect(delta(before, await statsOf(V201))).toEqual({ mandatory_reports_responding: 1 });
    // A second response to the same report counts no second report.
    const again = await bed.run(RESPOND, { input: { ...input, actions: ['PARENTS_RECALLED'] } }, station101, 'EMERGENCY');
    expect(again.errors).toBeUndefined();
    expect(delta(before, await statsOf(V201))).toEqual({ mandatory_reports_responding: 1 });
    await expectConsistent();
  });

  it('counts a handover the exchange delivers as pending in its village; a place event moves nothing here', async () => {
    const [before203, before102] = await stats([V203, '431003102']);
    const handedOver = deliveredEvent('civil_affairs', 'LB000000090', 'handoff.unregistered', { villageCode: V203, reportedOn: '2025-01-05', handoffId: 'HO000000990' }, 1);
    // Where the registry says a child lives is not where the police place it.
    const moved = deliveredEvent('civil_affairs', 'LB000000002', 'place.residence', { residenceCode: '431003102203' }, 2);
    const result = await bed.deliver([handedOver, moved]);
    expect(result.errors).toBeUndefined();
    const [after203, after102] = await stats([V203, '431003102']);
    expect(delta(before203!, after203!)).toEqual({ unregistered_pending: 1 });
    expect(delta(before102!, after102!)).toEqual({});
    await expectConsistent();
  });
});

describe('direct changes to the rows keep the rollup', () => {
  // No mutation writes these yet; a script or a later mutation must still leave the counts right.
  it('moves every child of a household whose address changes, and back', async () => {
    const [before202, before102] = await stats([V202, '431003102201']);
    await db().updateTable('household').set({ address_code: '431003102201' }).where('number', '=', HOUSEHOLD.li).execute();
    const [after202, after102] = await stats([V202, '431003102201']);
    const moved = delta(before202!, after202!);
    expect(moved).toMatchObject({ registered_children: -3, registered_after_report: -2, missing_children_not_found: -1, children_with_parent_serving_sentence: -2 });
    expect(delta(before102!, after102!)).toEqual(Object.fromEntries(Object.entries(moved).map(([k, v]) => [k, -v])));
    await expectConsistent();
    await db().updateTable('household').set({ address_code: V202 }).where('number', '=', HOUSEHOLD.li).execute();
    expect(await stats([V202, '431003102201'])).toEqual([before202, before102]);
    await expectConsistent();
  });

  it("moves a child to another household with its reports and parents' statuses", async () => {
    const [before202, before203] = await stats([V202, '431003102203']);
    await db().updateTable('resident').set({ household_number: JURISDICTION_HOUSEHOLD.zhang }).where('child_id', '=', 'LB000000002').execute();
    const [after202, after203] = await stats([V202, '431003102203']);
    const gone = { registered_children: -1, missing_children_not_found: -1, children_with_parent_serving_sentence: -1 };
    expect(delta(before202!, after202!)).toEqual(gone);
    expect(delta(before203!, after203!)).toEqual(Object.fromEntries(Object.entries(gone).map(([k, v]) => [k, -v])));
    await expectConsistent();
  });

  it('follows every counted column of reports, missing reports, parent statuses and handovers, and deletes', async () => {
    const changes = [
      sql`update mandatory_report set status = 'CLOSED' where child_id = 'LB000000001' and status = 'RECEIVED'`,
      sql`update mandatory_report set child_id = 'LB000000007' where child_id = 'LB000000001' and status = 'RESPONDING'`,
      sql`insert into mandatory_report (child_id, reporter_kind, category, reported_at, status) values ('LB000000003', 'CLINIC', 'MISSING', now(), 'RESPONDING')`,
      sql`delete from mandatory_report where child_id = 'LB000000003' and status = 'RECEIVED'`,
      sql`update missing_report set found_at = reported_at where found_at is null`,
      sql`insert into missing_report (child_id, reported_at) values ('LB000000008', now())`,
      sql`update missing_report set child_id = 'LB000000012' where child_id = 'LB000000008'`,
      sql`update parent_status set ended_on = since where status = 'SERVING_SENTENCE' and ended_on is null and child_id = 'LB000000004'`,
      sql`update parent_status set status = 'SERVING_SENTENCE' where status = 'DECEASED' and child_id = 'LB000000003'`,
      sql`delete from parent_status where child_id = 'LB000000002' and status = 'SERVING_SENTENCE'`,
      sql`update unregistered_child set village_code = ${V201} where child_id = ${PENDING.badInput}`,
      sql`delete from unregistered_child where child_id = 'LB000000004'`,
      sql`delete from unregistered_child where child_id = ${PENDING.byStation}`,
      sql`update resident set child_id = 'LB000000099' where child_id = 'LB000000012'`,
      sql`delete from resident where child_id = 'LB000000099'`,
    ];
    for (const change of changes) {
      const before = await stats();
      await change.execute(db());
      expect(await stats(), change.compile(db()).sql).not.toEqual(before);
      await expectConsistent();
    }
  });

  it('counts once, at commit, the villages a transaction touches many times', async () => {
    await db()
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('household').set({ address_code: V203 }).where('number', '=', HOUSEHOLD.wang).execute();
        await trx
          .insertInto('mandatory_report')
          .values({ child_id: 'LB000000001', reporter_kind: 'SCHOOL', category: 'MISSING', reported_at: '2025-01-01T00:00:00Z', status: 'RECEIVED', details: null })
          .execute();
        await trx.updateTable('household').set({ address_code: V201 }).where('number', '=', HOUSEHOLD.wang).execute();
        expect((await sql<{ n: number }>`select count(*)::int as n from rollup_pending`.execute(trx)).rows[0]!.n).toBe(2);
      });
    await expectConsistent();
  });
});

describe('upgrading a database that holds children', () => {
  it('counts what was there before the rollup existed, and migrates down and up again', async () => {
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0007'));
    // Its own name: the migrated snapshot of a service is kept per name.
    const old = await createTestDatabase<PoliceDB>({ name: 'police-household-before-rollups' as 'police-household', migrations: before });
    try {
      await insertJurisdictionFixtures(old.db);
      expect(await migrateToLatest(old.db, migrations)).toEqual(['0007-household-rollup']);
      expect(await checkRollups(old.db, ROLLUPS)).toEqual([]);
      const { rows } = await sql<{ n: number }>`select sum(registered_children + unregistered_pending)::int as n from household_village`.execute(old.db);
      // police_child: every child the fixtures place, registered or pending.
      const { rows: children } = await sql<{ n: number }>`select count(*)::int as n from police_child`.execute(old.db);
      expect(rows[0]!.n).toBe(children[0]!.n);
      expect(children[0]!.n).toBeGreaterThan(0);
      const { error } = await new Migrator({ db: old.db, provider: { getMigrations: async () => migrations } }).migrateDown();
      expect(error).toBeUndefined();
      expect(await migrateToLatest(old.db, migrations)).toEqual(['0007-household-rollup']);
      expect(await checkRollups(old.db, ROLLUPS)).toEqual([]);
    } finally {
      await old.close();
    }
  });
});
