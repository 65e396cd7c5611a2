import { todayInChina } from '@lbc/schema';
import { checkRollups, pauseRollups, rebuildRollups, regionRanges, resumeRollups } from '@lbc/subgraph-kit';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { sql, type Kysely } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import type { HealthDB } from '../src/db-types.ts';
import { chronicallyIll, disabled, hospitalised, immunisationIncomplete, malnourished, mentalHealthHighRisk, severeDisability } from '../src/health-facts.ts';
import { healthRegionStats, type HealthRegionStatsRow } from '../src/health-region-stats.ts';
import { IMMUNISATION_SCHEDULE } from '../src/immunisation-schedule.ts';
import { health } from '../src/index.ts';
import { advanceHealthRollupClock, keepHealthRollupClock, ROLLUPS } from '../src/rollups/index.ts';
import { before, insertBoundaryCrossingChildren, insertHealthFixtures } from './fixtures.ts';

// Children 1–7 of fixtures.ts: Bailutang town (431003101) villages 201 and 202, another
// Suxian town (431003102), Fushun (21). The tests below add children in towns of their own.
const bed = useSubgraphTestBed(health, {
  fixtures: async (db) => {
    await insertHealthFixtures(db);
    await insertBoundaryCrossingChildren(db);
  },
  principal: testPrincipal({ agency: 'health' }),
});
const db = () => bed.database.db as Kysely<HealthDB>;
const today = todayInChina();
const REGIONS = ['43', '4310', '431003', '431003101', '431003101201', '431003101202', '431003102', '431003102201', '21', '210421100201', '4302'];

/** `days` days after `isoDate` (negative: before). */
function addDays(isoDate: string, days: number): string {
  return before(isoDate, 0, -days);
}

/**
 * The region stats SQL the rollup replaced, from health-facts.ts's fragments: what every
 * count must equal, on every day.
 */
async function recount(codes: readonly string[], asOf: string): Promise<HealthRegionStatsRow[]> {
  const { rows } = await sql<HealthRegionStatsRow>`
    select r.code,
      count(f.child_id)::int as with_health_record,
      count(*) filter (where f.incomplete)::int as immunisation_incomplete,
      count(*) filter (where f.malnourished)::int as malnourished,
      count(*) filter (where f.disabled)::int as disabled,
      count(*) filter (where f.chronic)::int as with_chronic_illness,
      count(*) filter (where f.mental_high)::int as mental_health_high_risk,
      count(*) filter (where f.hospitalised)::int as hospitalised,
      count(*) filter (where f.severe_disability or f.chronic or f.hospitalised or f.mental_high)::int as with_serious_condition,
      count(*) filter (where f.incomplete or f.malnourished)::int as needing_follow_up
    from ${regionRanges(codes)}
    left join lateral (
      select p.child_id, ${immunisationIncomplete(asOf)} as incomplete, ${malnourished} as malnourished, ${disabled} as disabled,
        ${severeDisability} as severe_disability, ${chronicallyIll} as chronic, ${mentalHealthHighRisk} as mental_high, ${hospitalised} as hospitalised
      from patient p where p.residence_code between r.low and r.high
    ) f on true
    group by r.code`.execute(db());
  return sortByCode(rows);
}

const sortByCode = <T extends { code: string }>(rows: T[]) => rows.sort((a, b) => a.code.localeCompare(b.code));
const stats = async (codes: readonly string[], asOf = today) => sortByCode(await healthRegionStats(db(), codes, asOf));
const statOf = async (code: string, asOf = today) => (await stats([code], asOf))[0]!;
const clock = async () => (await sql<{ as_of: string }>`select as_of::text from health_rollup_clock`.execute(db())).rows[0]!.as_of;
const moveClock = (day: string) => sql`select move_health_rollup_clock(${day}::date)`.execute(db());
const rollupRow = async (village: string) => (await sql<HealthRegionStatsRow>`select * from health_village where residence_code = ${village}`.execute(db())).rows[0];
const incompleteFrom = async (childId: string) => (await sql<{ d: string | null }>`select immunisation_incomplete_from::text as d from patient where child_id = ${childId}`.execute(db())).rows[0]!.d;

/** The rollup agrees with a recount from the rows, and the region read with the old SQL, on `asOf`. */
async function expectExact(codes: readonly string[] = REGIONS, asOf = today) {
  expect(await checkRollups(db(), ROLLUPS)).toEqual([]);
  expect(await stats(codes, asOf)).toEqual(await recount(codes, asOf));
}

let serial = 100;
/** A patient of Bailutang's clinic living in `village`, with the doses `given` (vaccine-dose keys) given at their due age. */
async function addChild(village: string, birthDate: string, given: readonly string[], growth?: 'NORMAL' | 'UNDERWEIGHT'): Promise<string> {
  const childId = `LB${String(++serial).padStart(9, '0')}`;
  await db()
    .insertInto('patient')
    .values({ child_id: childId, record_number: `HR-T-${serial}`, id_number: null, birth_date: birthDate, residence_code: village, clinic_id: 'CL-431003101', registered_on: birthDate })
    .execute();
  const doses = IMMUNISATION_SCHEDULE.filter((d) => given.includes(`${d.vaccine}-${d.dose}`));
  if (doses.length)
    await db()
      .insertInto('immunisation')
      .values(doses.map((d) => ({ child_id: childId, vaccine: d.vaccine, dose: d.dose, given_on: birthDate })))
      .execute();
  if (growth) await db().insertInto('growth_measurement').values({ child_id: childId, measured_on: birthDate, height_cm: 50, weight_kg: 3, assessment: growth }).execute();
  return childId;
}
const dosesDueBefore = (months: number) => IMMUNISATION_SCHEDULE.filter((d) => d.dueAtMonths < months).map((d) => `${d.vaccine}-${d.dose}`);

/** A small deterministic generator: the same children on every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Every test starts with the clock at today, as the running service keeps it.
beforeEach(async () => {
  await moveClock(today);
});

describe('the health rollup after the fixtures', () => {
  it('agrees with a recount and with the old region SQL at every level', async () => {
    await expectExact();
    // Not vacuous: the fixtures' counts are there.
    expect(await statOf('431003101')).toMatchObject({ with_health_record: 5, immunisation_incomplete: 2, malnourished: 1, needing_follow_up: 2 });
  });

  it('holds the schedule in SQL exactly as the TS constant', async () => {
    const { rows } = await sql<{ vaccine: string; dose: number; due_months: number }>`select vaccine, dose, due_months from immunisation_schedule order by vaccine, dose`.execute(db());
    const expected = IMMUNISATION_SCHEDULE.map((d) => ({ vaccine: d.vaccine, dose: d.dose, due_months: d.dueAtMonths })).sort((a, b) => a.vaccine.localeCompare(b.vaccine) || a.dose - b.dose);
    expect(rows.sort((a, b) => a.vaccine.localeCompare(b.vaccine) || a.dose - b.dose)).toEqual(expected);
  });
});

describe('immunisation_incomplete_from', () => {
  it('is the old definition of "incomplete" for many children on many days: incomplete on D exactly when it is <= D', async () => {
    const next = random(20240901);
    const village = '431003103201';
    const keys = IMMUNISATION_SCHEDULE.map((d) => `${d.vaccine}-${d.dose}`);
    const MONTH_ENDS = ['2019-01-31', '2020-02-29', '2021-03-31', '2022-05-31', '2023-08-31', '2024-01-31', '2024-12-31', '2025-01-31'];
    for (let i = 0; i < 80; i++) {
      // Births over seven years, some on month ends (where month arithmetic is delicate).
      const birth = i % 10 === 0 ? MONTH_ENDS[i / 10]! : addDays(today, -Math.floor(next() * 7 * 365));
      const given = i % 7 === 0 ? keys : keys.filter(() => next() < 0.8);
      const childId = await addChild(village, birth, given, next() < 0.2 ? 'UNDERWEIGHT' : undefined);
      // A dose outside the schedule never counts either way.
      if (i % 5 === 0) await db().insertInto('immunisation').values({ child_id: childId, vaccine: 'Flu', dose: 1, given_on: birth }).execute();
    }
    // Days: random ones, and each side of every due date of some children.
    const days = new Set<string>();
    for (let i = 0; i < 60; i++) days.add(addDays(today, Math.floor((next() - 0.7) * 8 * 365)));
    const { rows: dues } = await sql<{ d: string }>`
      select distinct immunisation_incomplete_from::text as d from patient where residence_code = ${village} and immunisation_incomplete_from is not null limit 40`.execute(db());
    for (const { d } of dues) for (const delta of [-1, 0, 1]) days.add(addDays(d, delta));
    const dayList = sql.join([...days].map((d) => sql`(${d}::date)`));
    const { rows } = await sql<{ day: string; child_id: string; old: boolean; new: boolean }>`
      select d.day::text as day, p.child_id, ${immunisationIncomplete(sql.ref('d.day') as unknown as string)} as old,
        coalesce(p.immunisation_incomplete_from <= d.day, false) as new
      from patient p cross join (values ${dayList}) as d(day)`.execute(db());
    expect(rows.length).toBeGreaterThan(80 * 100);
    expect(rows.filter((r) => r.old !== r.new)).toEqual([]);
    // Both answers occur, often.
    expect(rows.filter((r) => r.old).length).toBeGreaterThan(rows.length / 10);
    expect(rows.filter((r) => !r.old).length).toBeGreaterThan(rows.length / 10);

    // And the region counts on those days, before and after the clock, as the old SQL gives them.
    for (const day of [...days].slice(0, 40)) await expectExact(['43', '431003103', village, '431003101'], day);
  });

  it('follows a dose recorded, updated and removed, and a corrected birth date', async () => {
    const birth = before(today, 10, 15);
    const child = await addChild('431003103202', birth, dosesDueBefore(9));
    const first = await incompleteFrom(child);
    expect(first! <= today).toBe(true);
    await db().insertInto('immunisation').values({ child_id: child, vaccine: 'MenA', dose: 2, given_on: today }).execute();
    const afterMenA = await incompleteFrom(child);
    expect(afterMenA! > first!).toBe(true);
    await db().updateTable('immunisation').set({ dose: 3 }).where('child_id', '=', child).where('vaccine', '=', 'MenA').where('dose', '=', 2).execute();
    expect(await incompleteFrom(child)).toBe(first);
    // MenA 1 removed: missing since 6 months, earlier than before.
    await db().deleteFrom('immunisation').where('child_id', '=', child).where('vaccine', '=', 'MenA').where('dose', '=', 1).execute();
    expect((await incompleteFrom(child))! < first!).toBe(true);
    // Born a year later: the missing doses fall due a year later.
    const later = addDays(birth, 365);
    await sql`update patient set birth_date = ${later}::date, registered_on = ${later}::date where child_id = ${child}`.execute(db());
    const { rows } = await sql<{ ok: boolean }>`select immunisation_incomplete_from = immunisation_incomplete_from(child_id, birth_date) as ok from patient where child_id = ${child}`.execute(db());
    expect(rows[0]!.ok).toBe(true);
    expect((await incompleteFrom(child))! > first!).toBe(true);
    // Written by hand, the column still holds the truth.
    await sql`update patient set immunisation_incomplete_from = '1900-01-01' where child_id = ${child}`.execute(db());
    expect((await incompleteFrom(child))! > first!).toBe(true);
    await expectExact(['431003103', '431003103202']);
  });
});

describe('the rollup clock', () => {
  const village = '431003104201';

  it('counts a child crossing a due date between the clock and today without any write, and moving the clock recounts its village', async () => {
    const d0 = addDays(today, -20);
    await moveClock(d0);
    // All doses before 6 months given; HepB 3 and MenA 1 fall due at 6 months, ten days ago.
    const birth = before(addDays(today, -10), 6);
    const crossing = await addChild(village, birth, dosesDueBefore(6));
    // Also missing them, but malnourished: already counted for follow-up at the clock's day.
    const thin = await addChild(village, birth, dosesDueBefore(6), 'UNDERWEIGHT');
    const due = (await incompleteFrom(crossing))!;
    expect(d0 < due && due <= today).toBe(true);
    expect(await incompleteFrom(thin)).toBe(due);
    expect(await clock()).toBe(d0);

    // The rollup holds the clock's day; the read corrects it to the day asked.
    expect(await rollupRow(village)).toMatchObject({ immunisation_incomplete: 0, needing_follow_up: 1, malnourished: 1 });
    expect(await statOf(village)).toMatchObject({ with_health_record: 2, immunisation_incomplete: 2, needing_follow_up: 2, malnourished: 1 });
    expect(await statOf(village, addDays(due, -1))).toMatchObject({ immunisation_incomplete: 0, needing_follow_up: 1 });
    expect(await statOf(village, due)).toMatchObject({ immunisation_incomplete: 2, needing_follow_up: 2 });
    for (const day of [d0, addDays(d0, 1), addDays(due, -1), due, today, addDays(today, 400), addDays(d0, -400)]) await expectExact([...REGIONS, '431003104', village], day);

    // Through GraphQL, today: one statement for the batch, correction included.
    const hunan = testPrincipal({ agency: 'health', level: 'province', region: '43' });
    bed.database.statements.reset();
    const result = await bed.run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code healthStats { withHealthRecord immunisationIncomplete needingFollowUp } } } }`,
      { reps: [village, '431003104', '43'].map((code) => ({ __typename: 'Region', code })) },
      hunan,
      'SUPERVISION',
    );
    expect(result.errors).toBeUndefined();
    expect(bed.database.statements.count).toBe(1);
    const expected = await recount([village, '431003104', '43'], today);
    expect(result.data!._entities).toEqual(
      [village, '431003104', '43'].map((code) => {
        const row = expected.find((r) => r.code === code)!;
        return { code, healthStats: { withHealthRecord: row.with_health_record, immunisationIncomplete: row.immunisation_incomplete, needingFollowUp: row.needing_follow_up } };
      }),
    );

    // Moving the clock recounts the crossing villages and nothing changes for a reader.
    const seen = await stats(REGIONS.concat(village));
    expect(await advanceHealthRollupClock(db(), today)).toBeGreaterThanOrEqual(1);
    expect(await clock()).toBe(today);
    expect(await rollupRow(village)).toMatchObject({ immunisation_incomplete: 2, needing_follow_up: 2 });
    expect(await stats(REGIONS.concat(village))).toEqual(seen);
    await expectExact([...REGIONS, village]);
    // Already there: nothing to do.
    expect(await advanceHealthRollupClock(db(), today)).toBe(0);
  });

  it('is exact for a day before the clock, and advancing never moves it back', async () => {
    const d0 = addDays(today, 40);
    // Missing MenA 1 / HepB 3, due in about twenty days: incomplete at the clock's day, not today.
    const birth = before(addDays(today, 20), 6);
    const soon = await addChild('431003104202', birth, dosesDueBefore(6));
    const due = (await incompleteFrom(soon))!;
    await moveClock(d0);
    expect(today < due && due <= d0).toBe(true);
    expect(await rollupRow('431003104202')).toMatchObject({ immunisation_incomplete: 1, needing_follow_up: 1 });
    expect(await statOf('431003104202')).toMatchObject({ immunisation_incomplete: 0, needing_follow_up: 0 });
    expect(await statOf('431003104202', due)).toMatchObject({ immunisation_incomplete: 1 });
    for (const day of [addDays(today, -400), today, addDays(due, -1), due, d0, addDays(d0, 1)]) await expectExact([...REGIONS, '431003104', '431003104202'], day);
    expect(await advanceHealthRollupClock(db(), today)).toBe(0);
    expect(await clock()).toBe(d0);
  });

  it('is kept at today by the service: once at start, errors logged and never thrown', async () => {
    await moveClock(addDays(today, -3));
    const lines: { level: string; message: string }[] = [];
    const log = {
      info: (_: unknown, message: string) => void lines.push({ level: 'info', message }),
      error: (_: unknown, message: string) => void lines.push({ level: 'error', message }),
    } as never;
    // As the service starts it (startSubgraph runs the definition's upkeep).
    const stop = await health.maintain!(db() as never, log);
    stop();
    expect(await clock()).toBe(today);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);

    // A database that cannot move the clock: logged, the service goes on.
    await sql`alter table health_rollup_clock rename to health_rollup_clock_away`.execute(db());
    try {
      const stopBroken = await keepHealthRollupClock(db(), log);
      stopBroken();
    } finally {
      await sql`alter table health_rollup_clock_away rename to health_rollup_clock`.execute(db());
    }
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);
    await expectExact();
  });
});

describe('every write moves the counts at once', () => {
  const suxian = ['43', '431003', '431003101', '431003101201', '431003101202', '431003105', '431003105201', '431003105202'];

  it('through the mutations; a refused one changes nothing', async () => {
    const village = '431003101201';
    const start = await statOf(village);
    // Infant 4 is missing MenA 1.
    const dose = await bed.run(`mutation($input: RecordImmunisationInput!) { recordImmunisation(input: $input) { immunisation { id } } }`, {
      input: { childId: 'LB000000004', vaccine: 'MenA', dose: 1, givenOn: today },
    });
    expect(dose.errors).toBeUndefined();
    expect(await statOf(village)).toMatchObject({ immunisation_incomplete: start.immunisation_incomplete - 1 });
    await expectExact(suxian);

    const rows = await sql`select * from health_village order by residence_code`.execute(db());
    const again = await bed.run(`mutation($input: RecordImmunisationInput!) { recordImmunisation(input: $input) { immunisation { id } } }`, {
      input: { childId: 'LB000000004', vaccine: 'MenA', dose: 1, givenOn: today },
    });
    expect(again.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect((await sql`select * from health_village order by residence_code`.execute(db())).rows).toEqual(rows.rows);

    const growth = await bed.run(`mutation($input: RecordGrowthMeasurementInput!) { recordGrowthMeasurement(input: $input) { growthMeasurement { id } } }`, {
      input: { childId: 'LB000000001', measuredOn: today, heightCm: 150, weightKg: 30, assessment: 'UNDERWEIGHT' },
    });
    expect(growth.errors).toBeUndefined();
    expect(await statOf(village)).toMatchObject({ malnourished: start.malnourished + 1 });
    await expectExact(suxian);

    const screening = await bed.run(`mutation($input: RecordMentalHealthScreeningInput!) { recordMentalHealthScreening(input: $input) { screening { id } } }`, {
      input: { childId: 'LB000000001', screenedOn: today, instrument: 'SDQ', score: 25, risk: 'HIGH' },
    });
    expect(screening.errors).toBeUndefined();
    expect(await statOf(village)).toMatchObject({ mental_health_high_risk: start.mental_health_high_risk + 1, with_serious_condition: start.with_serious_condition + 1 });
    await expectExact(suxian);
  });

  it('through SQL on every table the counts read, a move between villages, and a rollback', async () => {
    const a = '431003105201';
    const b = '431003105202';
    const child = await addChild(a, before(today, 3, 10), []);
    expect(await statOf(a)).toMatchObject({ with_health_record: 1, immunisation_incomplete: 1, needing_follow_up: 1 });
    await expectExact(suxian);
    const steps: [string, () => Promise<unknown>, Partial<HealthRegionStatsRow>][] = [
      [
        'severe disability',
        () => db().insertInto('disability_assessment').values({ child_id: child, category: 'PHYSICAL', grade: 1, assessed_on: today, detail: null }).execute(),
        { disabled: 1, with_serious_condition: 1 },
      ],
      [
        'milder at reassessment',
        () => db().insertInto('disability_assessment').values({ child_id: child, category: 'PHYSICAL', grade: 4, assessed_on: today, detail: null }).execute(),
        { disabled: 1, with_serious_condition: 0 },
      ],
      [
        'chronic illness',
        () => db().insertInto('chronic_condition').values({ child_id: child, condition: '哮喘', icd10: 'J45', diagnosed_on: today }).execute(),
        { with_chronic_illness: 1, with_serious_condition: 1 },
      ],
      ['chronic illness struck off', () => db().deleteFrom('chronic_condition').where('child_id', '=', child).execute(), { with_chronic_illness: 0, with_serious_condition: 0 }],
      [
        'admitted',
        () => db().insertInto('hospital_stay').values({ child_id: child, hospital: '苏仙区人民医院', reason: null, admitted_on: today, discharged_on: null }).execute(),
        { hospitalised: 1, with_serious_condition: 1 },
      ],
      ['discharged', () => db().updateTable('hospital_stay').set({ discharged_on: today }).where('child_id', '=', child).execute(), { hospitalised: 0, with_serious_condition: 0 }],
      [
        'stunted',
        () => db().insertInto('growth_measurement').values({ child_id: child, measured_on: today, height_cm: 55, weight_kg: 5, assessment: 'STUNTED' }).execute(),
        { malnourished: 1, needing_follow_up: 1 },
      ],
      [
        'every dose given',
        () =>
          db()
            .insertInto('immunisation')
            .values(IMMUNISATION_SCHEDULE.map((d) => ({ child_id: child, vaccine: d.vaccine, dose: d.dose, given_on: today })))
            .execute(),
        { immunisation_incomplete: 0, needing_follow_up: 1 },
      ],
      [
        'screened high',
        () => db().insertInto('mental_health_screening').values({ child_id: child, screened_on: today, instrument: 'SDQ', score: 30, risk: 'HIGH', notes: null }).execute(),
        { mental_health_high_risk: 1, with_serious_condition: 1 },
      ],
    ];
    for (const [step, write, expected] of steps) {
      await write();
      expect(await statOf(a), step).toMatchObject(expected);
      await expectExact(suxian);
    }

    // A move: the child leaves a's counts and takes them to b.
    const moved = await statOf(a);
    await db().updateTable('patient').set({ residence_code: b }).where('child_id', '=', child).execute();
    expect(await statOf(a)).toMatchObject({ with_health_record: 0, mental_health_high_risk: 0, malnourished: 0 });
    expect(await statOf(b)).toEqual({ ...moved, code: b });
    expect(await rollupRow(a)).toBeUndefined();
    await expectExact(suxian);

    // A write that fails leaves the counts as they were.
    const kept = await sql`select * from health_village order by residence_code`.execute(db());
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await trx.insertInto('hospital_stay').values({ child_id: child, hospital: 'x', reason: null, admitted_on: today, discharged_on: null }).execute();
          await trx.updateTable('patient').set({ residence_code: a }).where('child_id', '=', child).execute();
          throw new Error('the write fails');
        }),
    ).rejects.toThrow('the write fails');
    expect((await sql`select * from health_village order by residence_code`.execute(db())).rows).toEqual(kept.rows);

    // A record removed with its histories.
    await db()
      .transaction()
      .execute(async (trx) => {
        for (const table of ['immunisation', 'growth_measurement', 'disability_assessment', 'hospital_stay', 'mental_health_screening'] as const)
          await trx.deleteFrom(table).where('child_id', '=', child).execute();
        await trx.deleteFrom('patient').where('child_id', '=', child).execute();
      });
    expect(await rollupRow(b)).toBeUndefined();
    await expectExact(suxian);
  });

  it('skips marking during a bulk load; the check finds it and a rebuild mends it, the immunisation dates kept all along', async () => {
    await pauseRollups(db());
    const child = await addChild('431003106201', before(today, 2, 10), dosesDueBefore(2), 'UNDERWEIGHT');
    await resumeRollups(db());
    expect(await incompleteFrom(child)).not.toBeNull();
    expect(await checkRollups(db(), ROLLUPS)).toHaveLength(1);
    await rebuildRollups(db(), ROLLUPS);
    await expectExact(['431003106', '431003106201', '43']);
  });
});
