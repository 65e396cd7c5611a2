import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { testPrincipal } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { educationEnrollment } from '../src/index.ts';
import { insertEnrollmentFixtures } from './fixtures.ts';
import { BAILUTANG_PRIMARY, CITY, SUXIAN_COUNTY, count, refusal, written } from './write-helpers.ts';

const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertEnrollmentFixtures, principal: SUXIAN_COUNTY });

const ATTEND = `mutation Attend($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { attendance { month schoolDays unexcusedDays excusedDays } child { id attendance(first: 1) { edges { node { month } } } } }
}`;

const month = (childId: string, overrides: Record<string, unknown> = {}) => ({ childId, month: '2026-03', schoolDays: 21, unexcusedDays: 2, excusedDays: 1, ...overrides });
const attendance = () => count(bed, 'attendance');

describe('recordAttendance', () => {
  it("records a pupil's month and reads it back in the payload", async () => {
    const before = await attendance();
    const result = await bed.run(ATTEND, { input: month('LB000000001') });
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordAttendance).toEqual({
      attendance: { month: '2026-03', schoolDays: 21, unexcusedDays: 2, excusedDays: 1 },
      child: { id: 'LB000000001', attendance: { edges: [{ node: { month: '2026-03' } }] } },
    });
    expect(await attendance()).toBe(before + 1);
    expect(result.extensions?.lbcWrites).toEqual([
      {
        record: 'AttendanceMonth',
        id: 'LB000000001/2026-03',
        childId: 'LB000000001',
        change: 'created',
        fields: ['month', 'schoolDays', 'unexcusedDays', 'excusedDays'],
        fromVersion: null,
        toVersion: null,
      },
    ]);
  });

  it('records a month once per child: a repeat is refused on the month', async () => {
    await written(bed, ATTEND, 'recordAttendance', month('LB000000002', { month: '2026-04' }));
    const before = await attendance();
    const again = await bed.run(ATTEND, { input: month('LB000000002', { month: '2026-04', unexcusedDays: 0 }) });
    expect(refusal(again, 'recordAttendance')).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'input.month' });
    expect(await attendance()).toBe(before);
    const stored = await bed.database.db.selectFrom('attendance').selectAll().where('child_id', '=', 'LB000000002').where('month', '=', '2026-04').executeTakeFirstOrThrow();
    expect(stored.unexcused_days).toBe(2);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await attendance();
    for (const [input, field] of [
      [month(' '), 'input.childId'],
      [month('LB000000001', { month: '2026-13' }), 'input.month'],
      [month('LB000000001', { month: '26-03' }), 'input.month'],
      [month('LB000000001', { month: '2999-01' }), 'input.month'],
      [month('LB000000001', { schoolDays: -1 }), 'input.schoolDays'],
      // February 2026 has 28 days.
      [month('LB000000001', { month: '2026-02', schoolDays: 29 }), 'input.schoolDays'],
      [month('LB000000001', { unexcusedDays: 32 }), 'input.unexcusedDays'],
      [month('LB000000001', { excusedDays: -1 }), 'input.excusedDays'],
      [month('LB000000001', { schoolDays: 5, unexcusedDays: 4, excusedDays: 2 }), 'input.excusedDays'],
      // 李小红 enrolled at her current school in February 2024; 陈小燕 left school in 2024.
      [month('LB000000002', { month: '2024-01' }), 'input.month'],
      [month('LB000000005', { month: '2024-06' }), 'input.childId'],
    ] as const) {
      const result = await bed.run(ATTEND, { input });
      expect(refusal(result, 'recordAttendance'), field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await attendance()).toBe(before);
  });

  it('records only for pupils of schools in the jurisdiction', async () => {
    const before = await attendance();
    // 赵小宝 goes to school in Fushun county.
    const elsewhere = await bed.run(ATTEND, { input: month('LB000000003') });
    expect(refusal(elsewhere, 'recordAttendance')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(ATTEND, { input: month('LB404') });
    expect(refusal(unknown, 'recordAttendance')).toMatchObject({ code: 'NOT_FOUND' });
    expect(await attendance()).toBe(before);
  });

  it("a school records for its own pupils, not for the other schools' of its town", async () => {
    const own = await written(bed, ATTEND, 'recordAttendance', month('LB000000006', { month: '2026-05' }), BAILUTANG_PRIMARY);
    expect(own.attendance.month).toBe('2026-05');
    const before = await attendance();
    // 刘小军 goes to 白露塘镇中学, in the same town.
    const other = await bed.run(ATTEND, { input: month('LB000000004', { month: '2026-05' }) }, BAILUTANG_PRIMARY);
    expect(refusal(other, 'recordAttendance')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await attendance()).toBe(before);
  });

  it('answers a retry with the same Idempotency-Key from the first write, and refuses the key for another request', async () => {
    const input = month('LB000000001', { month: '2026-06' });
    const before = await attendance();
    const first = await bed.run(ATTEND, { input }, undefined, undefined, { idempotencyKey: 'attendance-1' });
    expect(first.errors).toBeUndefined();
    const again = await bed.run(ATTEND, { input }, undefined, undefined, { idempotencyKey: 'attendance-1' });
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(first.data);
    expect(await attendance()).toBe(before + 1);
    const other = await bed.run(ATTEND, { input: { ...input, unexcusedDays: 5 } }, undefined, undefined, { idempotencyKey: 'attendance-1' });
    expect(refusal(other, 'recordAttendance')).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
    expect(await attendance()).toBe(before + 1);
    expect(await count(bed, 'write_request')).toBe(1);
  });

  it('is refused by the action rule to a city officer and for statistics, before anything is written', async () => {
    const before = await attendance();
    const city = await bed.run(ATTEND, { input: month('LB000000001', { month: '2026-07' }) }, CITY);
    expect(refusal(city, 'recordAttendance')).toMatchObject({ code: 'FORBIDDEN', action: 'Mutation.recordAttendance' });
    const statistics = await bed.run(ATTEND, { input: month('LB000000001', { month: '2026-07' }) }, testPrincipal({ agency: 'education' }), 'STATISTICS');
    expect(refusal(statistics, 'recordAttendance')).toMatchObject({ code: 'FORBIDDEN', action: 'Mutation.recordAttendance' });
    expect(await attendance()).toBe(before);
  });
});
