import { checkRollups, migrateToLatest, type SubgraphName } from '@lbc/subgraph-kit';
import { createTestDatabase, deliveredEvent, identityIssued, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { EducationDB } from '../src/db-types.ts';
import { educationEnrollment } from '../src/index.ts';
import { createLoaders, type SchoolStatsRow } from '../src/loaders.ts';
import { migrations } from '../src/migrations/index.ts';
import { ROLLUPS } from '../src/rollups/index.ts';
import { schoolTermOf } from '../src/school-term.ts';
import { idNumber, insertEnrollmentFixtures } from './fixtures.ts';
import { recountSchoolStats } from './school-stats-recount.ts';
import { SUXIAN_COUNTY, refusal, written } from './write-helpers.ts';

const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertEnrollmentFixtures, principal: SUXIAN_COUNTY });
const db = () => bed.database.db;

// Regions at every level, with and without schools; days in terms with and without attendance.
const REGIONS = ['43', '4310', '431003', '431003101', '431003101001', '431003101202', '431003102', '431003102001', '21', '210421', '210421101001', '11'];
const DAYS = ['2023-04-01', '2024-03-20', '2024-10-15', '2025-02-10', '2026-03-01', '2026-10-15'];
const AUTUMN_2024 = '2024-10-15';
const AUTUMN_2026 = '2026-10-15';

// Villages of the fixtures' schools.
const BAILUTANG_PRIMARY_VILLAGE = '431003101001';
const BAILUTANG_MIDDLE_VILLAGE = '431003101202';
const LIANGTIAN_VILLAGE = '431003102001';
const FUSHUN_VILLAGE = '210421101001';

const stats = async (codes: readonly string[], asOf: string) => (await createLoaders(db(), SUXIAN_COUNTY).schoolStats(schoolTermOf(asOf)).loadMany(codes)) as SchoolStatsRow[];
const statsOf = async (code: string, asOf = AUTUMN_2024) => (await stats([code], asOf))[0]!;

/** The counts that changed from `before` to `after`, and by how much. */
function delta(after: SchoolStatsRow, before: SchoolStatsRow): Record<string, number> {
  const changed: Record<string, number> = {};
  for (const [column, value] of Object.entries(after)) {
    if (typeof value === 'number' && value !== before[column as keyof SchoolStatsRow]) changed[column] = value - (before[column as keyof SchoolStatsRow] as number);
  }
  return changed;
}

/** Runs `write` and returns how the counts of `code` for the term of `asOf` moved. */
async function movedBy(code: string, asOf: string, write: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = await statsOf(code, asOf);
  await write();
  return delta(await statsOf(code, asOf), before);
}

/** The rollups agree with the rows, and every region's stats with a recount, for every term. */
async function expectConsistent(): Promise<void> {
  expect(await checkRollups(db(), ROLLUPS)).toEqual([]);
  for (const day of DAYS) {
    const byCode = (rows: SchoolStatsRow[]) => [...rows].sort((a, b) => a.code.localeCompare(b.code));
    expect(byCode(await stats(REGIONS, day)), day).toEqual(byCode(await recountSchoolStats(db(), REGIONS, schoolTermOf(day))));
  }
  expect((await sql`select * from rollup_pending`.execute(db())).rows).toEqual([]);
}

const rollupRows = async () => ({
  areas: (await sql`select * from school_area_counts order by region_code`.execute(db())).rows,
  terms: (await sql`select * from school_term_absences order by region_code, term`.execute(db())).rows,
});

const currentEnrollment = (childId: string) => db().selectFrom('enrollment').selectAll().where('child_id', '=', childId).where('current', '=', true).executeTakeFirstOrThrow();
const openReport = (childId: string) => db().selectFrom('dropout_report').selectAll().where('child_id', '=', childId).where('status', '<>', 'RETURNED').executeTakeFirstOrThrow();

const ENROLL = `mutation($input: EnrollChildInput!) { enrollChild(input: $input) { enrollment { id } } }`;
const TRANSFER = `mutation($input: TransferChildInput!) { transferChild(input: $input) { enrollment { id } } }`;
const ATTEND = `mutation($input: RecordAttendanceInput!) { recordAttendance(input: $input) { attendance { month } } }`;
const REPORT = `mutation($input: ReportDropoutInput!) { reportDropout(input: $input) { dropoutReport { id } } }`;
const PERSUADE = `mutation($input: RecordPersuasionAttemptInput!) { recordPersuasionAttempt(input: $input) { dropoutReport { status } } }`;
const RETURN = `mutation($input: RecordReturnToSchoolInput!) { recordReturnToSchool(input: $input) { dropoutReport { status } } }`;

describe('school stats rollups after the fixtures load', () => {
  it('agree with the rows, and region stats equal a recount at every level and for every term', async () => {
    await expectConsistent();
    // 白露塘镇中心小学's pupils now: 王小明 (2024 spring 2 days, autumn 4, 2025 spring 4), 李小红 (0), 杨小宇 (autumn 5).
    const terms = await sql`select term, unexcused_absence_days, children_with_unexcused_absence from school_term_absences where region_code = ${BAILUTANG_PRIMARY_VILLAGE} order by term`.execute(
      db(),
    );
    expect(terms.rows).toEqual([
      { term: '2024-AUTUMN', unexcused_absence_days: 9, children_with_unexcused_absence: 2 },
      { term: '2024-SPRING', unexcused_absence_days: 2, children_with_unexcused_absence: 1 },
      { term: '2025-SPRING', unexcused_absence_days: 4, children_with_unexcused_absence: 1 },
    ]);
    // 良田's school has no pupil now: a row that counts the school, zeros besides.
    expect((await sql`select * from school_area_counts where region_code = ${LIANGTIAN_VILLAGE}`.execute(db())).rows).toEqual([
      {
        region_code: LIANGTIAN_VILLAGE,
        schools: 1,
        enrolled_children: 0,
        enrolled_left_behind: 0,
        boarding: 0,
        boarding_left_behind: 0,
        left_behind_without_paired_teacher: 0,
        dropouts_open: 0,
        dropouts_returned: 0,
      },
    ]);
  });

  it('reads many regions in one statement per term', async () => {
    bed.database.statements.reset();
    expect(await stats(REGIONS, AUTUMN_2024)).toHaveLength(REGIONS.length);
    expect(bed.database.statements.count).toBe(1);
    bed.database.statements.reset();
    const result = await bed.run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { schoolStats(asOf: "2024-10-15") { term schools enrolledChildren unexcusedAbsenceDaysThisTerm } } } }`,
      {
        reps: ['431003', '431003101', '431003101001'].map((code) => ({ __typename: 'Region', code })),
      },
    );
    expect(result.errors).toBeUndefined();
    expect(bed.database.statements.count).toBe(1);
  });
});

describe('the term of an attendance month', () => {
  it('is computed in SQL exactly as schoolTermOf labels it, for every month of several years', async () => {
    const monthsOf = (years: number[]) => years.flatMap((year) => Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`));
    const years = [1999, 2000, 2023, 2024, 2025, 2026, 2031, 2099];
    // 1000 and 9999: where the year's digits change, the labels still agree.
    const months = monthsOf([1000, ...years, 9999]);
    const { rows } = await sql<{ month: string; term: string }>`select month, school_term_of(month) as term from unnest(${months}::text[]) month`.execute(db());
    expect(rows).toEqual(months.map((month) => ({ month, term: schoolTermOf(`${month}-01`).label })));
    // And the month lies in the range of the term it is labelled with: a region read counts it in that term.
    for (const month of monthsOf(years)) {
      const term = schoolTermOf(`${month}-01`);
      expect(month >= term.firstMonth && month <= term.lastMonth, month).toBe(true);
    }
  });

  it('groups a pupil attending every month of four years into the terms the region read asks for', async () => {
    const village = '431003101099';
    await db().insertInto('school').values({ id: '431003101-T', name: '白露塘镇测试小学', kind: 'PRIMARY', region_code: village }).execute();
    await db()
      .insertInto('enrollment')
      .values({
        child_id: 'LB000000040',
        id_number: null,
        student_number: 'L00000000000000040',
        school_id: '431003101-T',
        grade: 2,
        class_name: '1班',
        boarding: false,
        left_behind: true,
        enrolled_on: '2022-09-01',
        left_on: null,
        current: true,
      })
      .execute();
    const months = [2023, 2024, 2025, 2026].flatMap((year) => Array.from({ length: 12 }, (_, m) => `${year}-${String(m + 1).padStart(2, '0')}`));
    // Days vary by month (1 to 3), and every third month has none: a term's sum is not its month count.
    const days = (i: number) => i % 4;
    await db()
      .insertInto('attendance')
      .values(months.map((month, i) => ({ child_id: 'LB000000040', month, unexcused_days: days(i), excused_days: 0 })))
      .execute();
    const expected = new Map<string, number>();
    months.forEach((month, i) => {
      const label = schoolTermOf(`${month}-01`).label;
      expected.set(label, (expected.get(label) ?? 0) + days(i));
    });
    const { rows } = await sql<{ term: string; unexcused_absence_days: number; children_with_unexcused_absence: number }>`
      select term, unexcused_absence_days, children_with_unexcused_absence from school_term_absences where region_code = ${village} order by term`.execute(db());
    expect(rows).toEqual([...expected].sort(([a], [b]) => a.localeCompare(b)).map(([term, total]) => ({ term, unexcused_absence_days: total, children_with_unexcused_absence: total > 0 ? 1 : 0 })));
    // Every month's term as the region read computes it from a day of that month.
    for (const month of months) {
      const read = await statsOf(village, `${month}-15`);
      expect(read.unexcused_absence_days, month).toBe(expected.get(schoolTermOf(`${month}-15`).label));
    }
    await expectConsistent();
  });
});

describe('writes move the counts at once', () => {
  it('enrolment, attendance and a dropout from report to return, through the mutations', async () => {
    const pupil = { childId: 'LB000000030', schoolId: '431003101-P', studentNumber: 'L00000000000000030', grade: 1, className: '1班', boarding: false, leftBehind: true, enrolledOn: '2026-09-01' };
    expect(await movedBy(BAILUTANG_PRIMARY_VILLAGE, AUTUMN_2026, () => written(bed, ENROLL, 'enrollChild', pupil))).toEqual({
      enrolled_children: 1,
      enrolled_left_behind: 1,
      left_behind_without_paired_teacher: 1,
    });
    await expectConsistent();

    const attend = () => written(bed, ATTEND, 'recordAttendance', { childId: 'LB000000030', month: '2026-10', schoolDays: 20, unexcusedDays: 3, excusedDays: 0 });
    const spring = await statsOf(BAILUTANG_PRIMARY_VILLAGE, '2026-03-01');
    expect(await movedBy('431003', AUTUMN_2026, attend)).toEqual({ unexcused_absence_days: 3, children_with_unexcused_absence: 1 });
    // Another term is not touched.
    expect(await statsOf(BAILUTANG_PRIMARY_VILLAGE, '2026-03-01')).toEqual(spring);
    await expectConsistent();

    const report = () => written(bed, REPORT, 'reportDropout', { childId: 'LB000000030', reportedOn: '2026-10-20', reason: '厌学' });
    expect(await movedBy('431003101', AUTUMN_2026, report)).toEqual({ dropouts_open: 1 });
    const opened = await openReport('LB000000030');
    const persuade = () => written(bed, PERSUADE, 'recordPersuasionAttempt', { reportId: String(opened.id), expectedVersion: opened.version, attemptedOn: '2026-10-25', status: 'REFERRED' });
    expect(await movedBy('431003101', AUTUMN_2026, persuade)).toEqual({});
    await expectConsistent();
    const referred = await openReport('LB000000030');
    const back = () => written(bed, RETURN, 'recordReturnToSchool', { reportId: String(referred.id), expectedVersion: referred.version, returnedOn: '2026-11-02' });
    expect(await movedBy(BAILUTANG_PRIMARY_VILLAGE, AUTUMN_2026, back)).toEqual({ dropouts_open: -1, dropouts_returned: 1 });
    await expectConsistent();
  });

  it("a transfer takes the child's counts, its term's absences included, from the old school's village to the new one's", async () => {
    const from = await currentEnrollment('LB000000001');
    const [oldVillage, newVillage, county] = await Promise.all([statsOf(BAILUTANG_PRIMARY_VILLAGE), statsOf(LIANGTIAN_VILLAGE), statsOf('431003')]);
    await written(bed, TRANSFER, 'transferChild', {
      enrollmentId: String(from.id),
      expectedVersion: from.version,
      toSchoolId: '431003102-P',
      transferredOn: '2026-09-01',
      className: '1班',
      boarding: false,
    });
    // 王小明: boarding, left-behind, paired, 4 unexcused days in the 2024 autumn term; a day pupil at 良田.
    expect(delta(await statsOf(BAILUTANG_PRIMARY_VILLAGE), oldVillage)).toEqual({
      enrolled_children: -1,
      enrolled_left_behind: -1,
      boarding: -1,
      boarding_left_behind: -1,
      unexcused_absence_days: -4,
      children_with_unexcused_absence: -1,
    });
    expect(delta(await statsOf(LIANGTIAN_VILLAGE), newVillage)).toEqual({ enrolled_children: 1, enrolled_left_behind: 1, unexcused_absence_days: 4, children_with_unexcused_absence: 1 });
    expect(delta(await statsOf('431003'), county)).toEqual({ boarding: -1, boarding_left_behind: -1 });
    await expectConsistent();
  });

  it('a refused or failed write leaves the rollups as they were', async () => {
    const before = await rollupRows();
    // A month recorded already; a second open report for 杨小宇, whose report is REFERRED.
    refusal(await bed.run(ATTEND, { input: { childId: 'LB000000002', month: '2024-09', schoolDays: 20, unexcusedDays: 9, excusedDays: 0 } }), 'recordAttendance');
    refusal(await bed.run(REPORT, { input: { childId: 'LB000000006', reportedOn: '2026-10-20', reason: '厌学' } }), 'reportDropout');
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await sql`insert into attendance (child_id, month, unexcused_days, excused_days) values ('LB000000006', '2026-10', 7, 0)`.execute(trx);
          await sql`update enrollment set current = false, left_on = '2026-11-01' where child_id = 'LB000000002' and current`.execute(trx);
          throw new Error('the write fails');
        }),
    ).rejects.toThrow('the write fails');
    expect(await rollupRows()).toEqual(before);
    await expectConsistent();
  });
});

describe('writes without a mutation move the counts too', () => {
  it('pairing a child with a teacher, moving and ending the pairing', async () => {
    const pair = () => sql`insert into pairing (child_id, teacher_id, since) values ('LB000000006', '431003101-P-T2', '2026-01-01')`.execute(db());
    expect(await movedBy(BAILUTANG_PRIMARY_VILLAGE, AUTUMN_2024, pair)).toEqual({ left_behind_without_paired_teacher: -1 });
    const [primary, fushun] = await Promise.all([statsOf(BAILUTANG_PRIMARY_VILLAGE), statsOf(FUSHUN_VILLAGE)]);
    await sql`update pairing set child_id = 'LB000000003' where child_id = 'LB000000006'`.execute(db());
    expect(delta(await statsOf(BAILUTANG_PRIMARY_VILLAGE), primary)).toEqual({ left_behind_without_paired_teacher: 1 });
    expect(delta(await statsOf(FUSHUN_VILLAGE), fushun)).toEqual({ left_behind_without_paired_teacher: -1 });
    expect(await movedBy(FUSHUN_VILLAGE, AUTUMN_2024, () => sql`delete from pairing where child_id = 'LB000000003'`.execute(db()))).toEqual({ left_behind_without_paired_teacher: 1 });
    await expectConsistent();
  });

  it("a dropout report deleted or redated changes which is the child's latest", async () => {
    // 赵小宝: RETURNED in 2023, PERSUADING since 2024-05-20.
    const persuading = await openReport('LB000000003');
    expect(await movedBy(FUSHUN_VILLAGE, AUTUMN_2024, () => sql`update dropout_report set reported_on = '2023-01-10' where id = ${persuading.id}`.execute(db()))).toEqual({
      dropouts_open: -1,
      dropouts_returned: 1,
    });
    expect(await movedBy(FUSHUN_VILLAGE, AUTUMN_2024, () => sql`delete from dropout_report where child_id = 'LB000000003' and status = 'RETURNED'`.execute(db()))).toEqual({
      dropouts_open: 1,
      dropouts_returned: -1,
    });
    await expectConsistent();
  });

  it('attendance corrected, moved to another term and deleted', async () => {
    const spring2025 = '2025-03-01';
    // 赵小宝 was absent 15 days in October 2024.
    const correct = () => sql`update attendance set unexcused_days = 5 where child_id = 'LB000000003' and month = '2024-10'`.execute(db());
    expect(await movedBy(FUSHUN_VILLAGE, AUTUMN_2024, correct)).toEqual({ unexcused_absence_days: -10 });
    const [autumn, spring] = await Promise.all([statsOf(FUSHUN_VILLAGE), statsOf(FUSHUN_VILLAGE, spring2025)]);
    await sql`update attendance set month = '2025-03' where child_id = 'LB000000003' and month = '2024-10'`.execute(db());
    expect(delta(await statsOf(FUSHUN_VILLAGE), autumn)).toEqual({ unexcused_absence_days: -5 });
    expect(delta(await statsOf(FUSHUN_VILLAGE, spring2025), spring)).toEqual({ unexcused_absence_days: 5, children_with_unexcused_absence: 1 });
    // An excused day is no count: nothing to recount.
    expect(await movedBy(FUSHUN_VILLAGE, spring2025, () => sql`update attendance set excused_days = 1 where child_id = 'LB000000003' and month = '2025-03'`.execute(db()))).toEqual({});
    const remove = () => sql`delete from attendance where child_id = 'LB000000003' and month = '2025-03'`.execute(db());
    expect(await movedBy(FUSHUN_VILLAGE, spring2025, remove)).toEqual({ unexcused_absence_days: -5, children_with_unexcused_absence: -1 });
    await expectConsistent();
  });

  it('a school moved to another village takes its pupils; the village it left keeps no row', async () => {
    const elsewhere = '431003102202';
    const [left, town] = await Promise.all([statsOf(BAILUTANG_MIDDLE_VILLAGE), statsOf('431003102')]);
    await sql`update school set region_code = ${elsewhere} where id = '431003101-J'`.execute(db());
    expect(await statsOf(elsewhere)).toEqual({ ...left, code: elsewhere });
    // The town it moved into gains all of it.
    const nothing = Object.fromEntries(Object.entries(left).map(([k, v]) => [k, typeof v === 'number' ? 0 : v])) as SchoolStatsRow;
    expect(delta(await statsOf('431003102'), town)).toEqual(delta(left, nothing));
    expect((await sql`select * from school_area_counts where region_code = ${BAILUTANG_MIDDLE_VILLAGE}`.execute(db())).rows).toEqual([]);
    await expectConsistent();
    await sql`update school set region_code = ${BAILUTANG_MIDDLE_VILLAGE} where id = '431003101-J'`.execute(db());
    expect(await statsOf(BAILUTANG_MIDDLE_VILLAGE)).toEqual(left);
    await expectConsistent();
  });

  it('an enrollment corrected to another school moves its counts; an ended one leaves them', async () => {
    // 刘小军: boarding, not left-behind, his dropout RETURNED, at 白露塘镇中学.
    const liu = await currentEnrollment('LB000000004');
    const [middle, liangtian] = await Promise.all([statsOf(BAILUTANG_MIDDLE_VILLAGE), statsOf(LIANGTIAN_VILLAGE)]);
    await sql`update enrollment set school_id = '431003102-P' where id = ${liu.id}`.execute(db());
    expect(delta(await statsOf(BAILUTANG_MIDDLE_VILLAGE), middle)).toEqual({ enrolled_children: -1, boarding: -1, dropouts_returned: -1 });
    expect(delta(await statsOf(LIANGTIAN_VILLAGE), liangtian)).toEqual({ enrolled_children: 1, boarding: 1, dropouts_returned: 1 });
    // 杨小宇 leaves school: unpaired, left-behind, REFERRED, 5 days absent in the 2024 autumn term.
    const leave = () => sql`update enrollment set current = false, left_on = '2026-11-01' where child_id = 'LB000000006' and current`.execute(db());
    expect(await movedBy(BAILUTANG_PRIMARY_VILLAGE, AUTUMN_2024, leave)).toEqual({
      enrolled_children: -1,
      enrolled_left_behind: -1,
      left_behind_without_paired_teacher: -1,
      dropouts_open: -1,
      unexcused_absence_days: -5,
      children_with_unexcused_absence: -1,
    });
    await expectConsistent();
  });

  it('counts the final state of a transaction whatever the order of its writes', async () => {
    // 李小红's November absence recorded, then her enrollment moved to Fushun; 刘小军's moved first, then his absence recorded.
    const [primary, liangtian, fushun] = await Promise.all([statsOf(BAILUTANG_PRIMARY_VILLAGE, AUTUMN_2026), statsOf(LIANGTIAN_VILLAGE, AUTUMN_2026), statsOf(FUSHUN_VILLAGE, AUTUMN_2026)]);
    await db()
      .transaction()
      .execute(async (trx) => {
        await sql`insert into attendance (child_id, month, unexcused_days, excused_days) values ('LB000000002', '2026-11', 4, 0)`.execute(trx);
        await sql`update enrollment set school_id = '210421101-P' where child_id = 'LB000000002' and current`.execute(trx);
        await sql`update enrollment set school_id = '210421101-P' where child_id = 'LB000000004' and current`.execute(trx);
        await sql`insert into attendance (child_id, month, unexcused_days, excused_days) values ('LB000000004', '2026-11', 2, 0)`.execute(trx);
      });
    expect(delta(await statsOf(BAILUTANG_PRIMARY_VILLAGE, AUTUMN_2026), primary)).toEqual({ enrolled_children: -1, enrolled_left_behind: -1 });
    expect(delta(await statsOf(LIANGTIAN_VILLAGE, AUTUMN_2026), liangtian)).toEqual({ enrolled_children: -1, boarding: -1, dropouts_returned: -1 });
    expect(delta(await statsOf(FUSHUN_VILLAGE, AUTUMN_2026), fushun)).toEqual({
      enrolled_children: 2,
      enrolled_left_behind: 1,
      boarding: 1,
      dropouts_returned: 1,
      unexcused_absence_days: 6,
      children_with_unexcused_absence: 2,
    });
    await expectConsistent();
  });
});

describe('exchange deliveries', () => {
  it("an ID number issued by the police or a child's new residence moves no school count", async () => {
    const before = await rollupRows();
    const all = await stats(REGIONS, AUTUMN_2024);
    const delivered = await bed.deliver([
      identityIssued('LB000000003', idNumber('210421', '20150610', '011'), 1),
      deliveredEvent('civil_affairs', 'LB000000003', 'place.residence', { residenceCode: '431003102001' }, 2),
    ]);
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data!._applyEvents).toEqual({ applied: 2, duplicates: 0 });
    expect((await currentEnrollment('LB000000003')).student_number).toMatch(/^G/);
    // Counted by the school's village, not the residence.
    expect(await stats(REGIONS, AUTUMN_2024)).toEqual(all);
    expect(await rollupRows()).toEqual(before);
    await expectConsistent();
  });
});

describe('upgrading a database that holds pupils', () => {
  it('counts what was there before the rollups existed', async () => {
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0006'));
    // Its own name: test databases are made from a migrated snapshot kept per name.
    const old = await createTestDatabase<EducationDB>({ name: 'edu-before-rollups' as SubgraphName, migrations: before });
    try {
      await insertEnrollmentFixtures(old.db);
      await migrateToLatest(old.db, migrations);
      expect(await checkRollups(old.db, ROLLUPS)).toEqual([]);
      const { rows } = await sql<{ schools: number; pupils: number; days: number }>`
        select (select sum(schools) from school_area_counts)::int as schools, (select sum(enrolled_children) from school_area_counts)::int as pupils,
          (select sum(unexcused_absence_days) from school_term_absences where term = '2024-AUTUMN')::int as days`.execute(old.db);
      expect(rows).toEqual([{ schools: 4, pupils: 5, days: 36 }]);
    } finally {
      await old.close();
    }
  });
});
