import { APPLY_EVENTS, identityIssued, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { educationEnrollment } from '../src/index.ts';
import { ID, TEMPORARY_NUMBER, idNumber, insertEnrollmentFixtures } from './fixtures.ts';
import { SUXIAN_COUNTY } from './write-helpers.ts';

const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertEnrollmentFixtures, principal: SUXIAN_COUNTY });

const issued = identityIssued;
const apply = bed.deliver;
const enrollments = () => bed.database.db.selectFrom('enrollment').selectAll().orderBy('id').execute();
const enrollmentsOf = (childId: string) => bed.database.db.selectFrom('enrollment').selectAll().where('child_id', '=', childId).orderBy('id').execute();

/** 赵小宝 (LB000000003), registered by the police in Fushun: the ID number he is issued. */
const ZHAO_ID = idNumber('210421', '20150610', '011');

describe('identity.issued from the police', () => {
  it('gives the temporary student numbers of the child the national one, once: a redelivery changes nothing', async () => {
    expect((await enrollmentsOf('LB000000003')).map((e) => e.student_number)).toEqual([TEMPORARY_NUMBER]);
    const others = (await enrollments()).filter((e) => e.child_id !== 'LB000000003');
    const event = issued('LB000000003', ZHAO_ID, 1);
    const first = await apply([event]);
    expect(first.errors).toBeUndefined();
    expect(first.data!._applyEvents).toEqual({ applied: 1, duplicates: 0 });
    expect(await enrollmentsOf('LB000000003')).toEqual([expect.objectContaining({ id_number: ZHAO_ID, student_number: `G${ZHAO_ID}`, current: true })]);
    const after = await enrollments();
    expect(after.filter((e) => e.child_id !== 'LB000000003')).toEqual(others);

    const redelivered = await apply([event]);
    expect(redelivered.data!._applyEvents).toEqual({ applied: 0, duplicates: 1 });
    expect(await enrollments()).toEqual(after);
    // The same fact again under a new id (the police re-published it) finds no temporary number left.
    const republished = await apply([issued('LB000000003', ZHAO_ID, 2)]);
    expect(republished.data!._applyEvents).toEqual({ applied: 1, duplicates: 0 });
    expect(await enrollments()).toEqual(after);
  });

  it('costs the same statements for any delivery, gives every enrollment of each child its number, and leaves a number another child has', async () => {
    const school = { school_id: '431003102-P', class_name: '1班', boarding: false, left_behind: true };
    await bed.database.db
      .insertInto('enrollment')
      .values([
        // 孙小花 left one school and goes to another, both under her temporary number.
        { ...school, child_id: 'LB000000030', id_number: null, student_number: 'L00000000000000030', grade: 1, enrolled_on: '2023-09-01', left_on: '2024-02-26', current: false },
        { ...school, school_id: '431003101-P', child_id: 'LB000000030', id_number: null, student_number: 'L00000000000000030', grade: 2, enrolled_on: '2024-02-26', left_on: null, current: true },
        { ...school, child_id: 'LB000000031', id_number: null, student_number: 'L00000000000000031', grade: 2, enrolled_on: '2023-09-01', left_on: null, current: true },
        { ...school, child_id: 'LB000000033', id_number: null, student_number: 'L00000000000000033', grade: 3, enrolled_on: '2023-09-01', left_on: null, current: true },
        { ...school, child_id: 'LB000000034', id_number: null, student_number: 'L00000000000000034', grade: 3, enrolled_on: '2023-09-01', left_on: null, current: true },
      ])
      .execute();
    const sun = idNumber('431003', '20170301', '022');
    const twin = idNumber('431003', '20160101', '055');
    bed.database.statements.reset();
    await apply([issued('LB000000032', idNumber('431003', '20170303', '044'), 9)]);
    const oneEvent = bed.database.statements.count;
    bed.database.statements.reset();
    const result = await apply([
      issued('LB000000030', sun, 10),
      // A number that is 王小明's already (a data error for the police): applying it would give two children one number.
      issued('LB000000031', ID.wang, 11),
      // One number for two children in one delivery: one of them gets it, and the delivery still applies.
      issued('LB000000033', twin, 12),
      issued('LB000000034', twin, 13),
    ]);
    expect(bed.database.statements.count).toBe(oneEvent);
    expect(result.errors).toBeUndefined();
    expect(result.data!._applyEvents).toEqual({ applied: 4, duplicates: 0 });
    expect((await enrollmentsOf('LB000000030')).map((e) => [e.student_number, e.id_number])).toEqual([
      [`G${sun}`, sun],
      [`G${sun}`, sun],
    ]);
    expect((await enrollmentsOf('LB000000031')).map((e) => [e.student_number, e.id_number])).toEqual([['L00000000000000031', null]]);
    const twins = [...(await enrollmentsOf('LB000000033')), ...(await enrollmentsOf('LB000000034'))];
    expect(twins.filter((e) => e.student_number === `G${twin}`)).toHaveLength(1);
    expect(twins.filter((e) => e.student_number.startsWith('L'))).toHaveLength(1);
  });

  it('is applied only when the exchange delivers it', async () => {
    const before = await enrollments();
    const caller = await bed.run(APPLY_EVENTS, { events: [issued('LB000000031', idNumber('431003', '20170302', '033'), 20)] });
    expect(caller.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await enrollments()).toEqual(before);
  });
});
