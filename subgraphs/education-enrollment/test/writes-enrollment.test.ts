import { useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { educationEnrollment } from '../src/index.ts';
import { ID, insertEnrollmentFixtures } from './fixtures.ts';
import { BAILUTANG_PRIMARY, CITY, FUSHUN_COUNTY, SUXIAN_COUNTY, counts, refusal, written } from './write-helpers.ts';

const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertEnrollmentFixtures, principal: SUXIAN_COUNTY });

const ENROLLMENT = `id version studentNumber school { id } grade className boarding leftBehind enrolledOn leftOn current`;
const ENROLL = `mutation Enroll($input: EnrollChildInput!) {
  enrollChild(input: $input) { enrollment { ${ENROLLMENT} } child { id leftBehindFlag currentEnrollment { id } } }
}`;
const TRANSFER = `mutation Transfer($input: TransferChildInput!) {
  transferChild(input: $input) { enrollment { ${ENROLLMENT} } child { id leftBehindFlag currentEnrollment { id school { id } } } }
}`;
const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id leftBehindFlag currentEnrollment { school { id } } } } }`;

const newPupil = (childId: string, overrides: Record<string, unknown> = {}) => ({
  childId,
  schoolId: '431003101-P',
  studentNumber: `L${childId.slice(2).padStart(17, '0')}`,
  grade: 1,
  className: '1班',
  boarding: false,
  leftBehind: true,
  enrolledOn: '2026-09-01',
  ...overrides,
});

const tables = ['enrollment', 'outbox', 'child_place'] as const;

/** A child's enrollments as stored, oldest first. */
const enrollmentsOf = (childId: string) => bed.database.db.selectFrom('enrollment').selectAll().where('child_id', '=', childId).orderBy('enrolled_on').orderBy('id').execute();
const currentOf = async (childId: string) => (await enrollmentsOf(childId)).find((e) => e.current)!;

describe('enrollChild', () => {
  it('enrolls a child enrolled nowhere, publishes its school, and reports what it created', async () => {
    const result = await bed.run(ENROLL, { input: newPupil('LB000000020', { studentNumber: 'l00000000000000020', boarding: true }) });
    expect(result.errors).toBeUndefined();
    const { enrollment, child } = result.data!.enrollChild;
    expect(enrollment).toMatchObject({
      version: 1,
      studentNumber: 'L00000000000000020',
      school: { id: '431003101-P' },
      grade: 1,
      className: '1班',
      boarding: true,
      leftBehind: true,
      enrolledOn: '2026-09-01',
      leftOn: null,
      current: true,
    });
    expect(child).toEqual({ id: 'LB000000020', leftBehindFlag: true, currentEnrollment: { id: enrollment.id } });
    const event = await bed.database.db.selectFrom('outbox').selectAll().where('child_id', '=', 'LB000000020').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ kind: 'place.school', payload: { schoolCode: '431003101001', schoolId: '431003101-P' } });
    // The writer's own places follow its own fact at once.
    const place = await bed.database.db.selectFrom('child_place').selectAll().where('child_id', '=', 'LB000000020').executeTakeFirstOrThrow();
    expect(place).toMatchObject({ school_code: '431003101001', school_id: '431003101-P' });
    expect(result.extensions?.lbcWrites).toEqual([
      {
        record: 'Enrollment',
        id: enrollment.id,
        childId: 'LB000000020',
        change: 'created',
        fields: ['child', 'studentNumber', 'school', 'grade', 'className', 'boarding', 'leftBehind', 'enrolledOn', 'current'],
        fromVersion: null,
        toVersion: 1,
      },
    ]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await counts(bed, [...tables]);
    for (const [input, field] of [
      [newPupil(''), 'input.childId'],
      [newPupil('LB000000021', { studentNumber: 'G123' }), 'input.studentNumber'],
      // A national number whose ID number has a wrong check character.
      [newPupil('LB000000021', { studentNumber: `G${ID.wang.slice(0, 17)}${ID.wang.endsWith('0') ? '1' : '0'}` }), 'input.studentNumber'],
      [newPupil('LB000000021', { studentNumber: `G${ID.wang}` }), 'input.studentNumber'],
      [newPupil('LB000000021', { grade: 0 }), 'input.grade'],
      [newPupil('LB000000021', { grade: 7 }), 'input.grade'],
      [newPupil('LB000000021', { className: '  ' }), 'input.className'],
      [newPupil('LB000000021', { className: '班'.repeat(41) }), 'input.className'],
      [newPupil('LB000000021', { enrolledOn: '2999-09-01' }), 'input.enrolledOn'],
      [newPupil('LB000000021', { schoolId: 'NOPE' }), 'input.schoolId'],
      // Enrolled now: a pupil changes school by transferChild.
      [newPupil('LB000000001', { studentNumber: `G${ID.wang}` }), 'input.childId'],
      // 陈小燕 left school on 2024-07-10 with a national number: she keeps it, and comes back after she left.
      [newPupil('LB000000005', { studentNumber: 'L00000000000000005', grade: 6 }), 'input.studentNumber'],
      [newPupil('LB000000005', { studentNumber: `G${ID.chen}`, grade: 6, enrolledOn: '2024-07-01' }), 'input.enrolledOn'],
    ] as const) {
      const result = await bed.run(ENROLL, { input });
      expect(refusal(result, 'enrollChild'), field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await counts(bed, [...tables])).toEqual(before);
  });

  it('enrolls again a child who left school, under the national number it keeps', async () => {
    const payload = await written(bed, ENROLL, 'enrollChild', newPupil('LB000000005', { schoolId: '431003102-P', studentNumber: `g${ID.chen}`.toLowerCase(), grade: 6, enrolledOn: '2025-03-01' }));
    expect(payload.enrollment).toMatchObject({ studentNumber: `G${ID.chen}`, school: { id: '431003102-P' }, current: true });
    expect((await currentOf('LB000000005')).id_number).toBe(ID.chen);
  });

  it('enrolls only at schools in the jurisdiction, and writes nothing elsewhere', async () => {
    const before = await counts(bed, [...tables]);
    const elsewhere = await bed.run(ENROLL, { input: newPupil('LB000000022', { schoolId: '210421101-P' }) });
    expect(refusal(elsewhere, 'enrollChild')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await counts(bed, [...tables])).toEqual(before);
    const fushun = await bed.run(ENROLL, { input: newPupil('LB000000022', { schoolId: '210421101-P' }) }, FUSHUN_COUNTY);
    expect(fushun.errors).toBeUndefined();
  });

  it('a school enrolls at itself only, not at the other schools of its town', async () => {
    const own = await written(bed, ENROLL, 'enrollChild', newPupil('LB000000023'), BAILUTANG_PRIMARY);
    expect(own.enrollment.school).toEqual({ id: '431003101-P' });
    const before = await counts(bed, [...tables]);
    const other = await bed.run(ENROLL, { input: newPupil('LB000000024', { schoolId: '431003101-J', grade: 7 }) }, BAILUTANG_PRIMARY);
    expect(refusal(other, 'enrollChild')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await counts(bed, [...tables])).toEqual(before);
  });

  it('is refused to a city officer by the action rule, before anything is written', async () => {
    const before = await counts(bed, [...tables]);
    const result = await bed.run(ENROLL, { input: newPupil('LB000000025') }, CITY);
    expect(refusal(result, 'enrollChild')).toMatchObject({ code: 'FORBIDDEN', action: 'Mutation.enrollChild', rule: 'schools-enroll:level' });
    expect(await counts(bed, [...tables])).toEqual(before);
  });
});

describe('transferChild', () => {
  const transfer = (enrollmentId: number | string, expectedVersion: number, overrides: Record<string, unknown> = {}) => ({
    enrollmentId: String(enrollmentId),
    expectedVersion,
    toSchoolId: '431003102-P',
    transferredOn: '2026-03-02',
    className: '2班',
    boarding: false,
    ...overrides,
  });

  it('lets the sending school transfer a pupil to another county: the number and the flag follow, the sending school lets go', async () => {
    // 杨小宇, grade 3 at 白露塘镇中心小学 (Suxian, Hunan), moves to 石文镇中心小学 (Fushun, Liaoning).
    const from = await currentOf('LB000000006');
    const before = await counts(bed, ['outbox']);
    const result = await bed.run(TRANSFER, { input: transfer(from.id, from.version, { toSchoolId: '210421101-P', boarding: true }) }, BAILUTANG_PRIMARY);
    expect(result.errors).toBeUndefined();
    const { enrollment, child } = result.data!.transferChild;
    expect(enrollment).toMatchObject({
      version: 1,
      studentNumber: `G${ID.yang}`,
      school: { id: '210421101-P' },
      grade: 3,
      className: '2班',
      boarding: true,
      leftBehind: true,
      enrolledOn: '2026-03-02',
      leftOn: null,
      current: true,
    });
    // The payload names the child just moved, although it is no longer the school's.
    expect(child).toEqual({ id: 'LB000000006', leftBehindFlag: true, currentEnrollment: { id: enrollment.id, school: { id: '210421101-P' } } });
    const [closed, opened] = (await enrollmentsOf('LB000000006')).slice(-2);
    expect(closed).toMatchObject({ id: from.id, school_id: '431003101-P', left_on: '2026-03-02', current: false, version: from.version + 1 });
    expect(opened).toMatchObject({ school_id: '210421101-P', left_behind: true, student_number: `G${ID.yang}`, id_number: ID.yang, current: true });
    expect(await counts(bed, ['outbox'])).toEqual([before[0]! + 1]);
    const event = await bed.database.db.selectFrom('outbox').selectAll().where('child_id', '=', 'LB000000006').executeTakeFirstOrThrow();
    expect(event).toMatchObject({ kind: 'place.school', payload: { schoolCode: '210421101001', schoolId: '210421101-P' } });
    const place = await bed.database.db.selectFrom('child_place').selectAll().where('child_id', '=', 'LB000000006').executeTakeFirstOrThrow();
    expect(place).toMatchObject({ school_code: '210421101001', school_id: '210421101-P' });
    expect(result.extensions?.lbcWrites).toEqual([
      { record: 'Enrollment', id: String(from.id), childId: 'LB000000006', change: 'updated', fields: ['leftOn', 'current'], fromVersion: from.version, toVersion: from.version + 1 },
      expect.objectContaining({ record: 'Enrollment', id: enrollment.id, change: 'created', toVersion: 1 }),
    ]);
    // From now on the receiving county sees the child, and the sending school does not.
    const receiving = await bed.run(CHILD, { reps: [{ __typename: 'Child', id: 'LB000000006' }] }, FUSHUN_COUNTY);
    expect(receiving.data!._entities).toEqual([{ id: 'LB000000006', leftBehindFlag: true, currentEnrollment: { school: { id: '210421101-P' } } }]);
    const sending = await bed.run(CHILD, { reps: [{ __typename: 'Child', id: 'LB000000006' }] }, BAILUTANG_PRIMARY);
    expect(sending.errors![0]!.extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    // 王小明, grade 6 at 白露塘镇中心小学 since 2018-09-01.
    const from = await currentOf('LB000000001');
    const closed = (await enrollmentsOf('LB000000002'))[0]!;
    const before = await counts(bed, [...tables]);
    for (const [input, field] of [
      [transfer('abc', from.version), 'input.enrollmentId'],
      [transfer(from.id, 0), 'input.expectedVersion'],
      [transfer(from.id, from.version, { toSchoolId: 'NOPE' }), 'input.toSchoolId'],
      [transfer(from.id, from.version, { toSchoolId: '431003101-P' }), 'input.toSchoolId'],
      [transfer(from.id, from.version, { transferredOn: '2999-03-02' }), 'input.transferredOn'],
      [transfer(from.id, from.version, { transferredOn: '2018-08-31' }), 'input.transferredOn'],
      [transfer(from.id, from.version, { grade: 10 }), 'input.grade'],
      [transfer(from.id, from.version, { toSchoolId: '431003101-J' }), 'input.grade'],
      [transfer(from.id, from.version, { className: '' }), 'input.className'],
      // 李小红's enrollment at 良田镇中心小学 ended with her transfer in 2024.
      [transfer(closed.id, closed.version, { toSchoolId: '431003101-J', grade: 7 }), 'input.enrollmentId'],
    ] as const) {
      const result = await bed.run(TRANSFER, { input });
      expect(refusal(result, 'transferChild'), field).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: field });
    }
    expect(await counts(bed, [...tables])).toEqual(before);
    expect(await currentOf('LB000000001')).toEqual(from);
  });

  it('transfers at the version read, and refuses a stale version with CONFLICT', async () => {
    const from = await currentOf('LB000000002');
    const first = await written(bed, TRANSFER, 'transferChild', transfer(from.id, from.version));
    expect(first.enrollment).toMatchObject({ school: { id: '431003102-P' }, grade: 4, leftBehind: true });
    const before = await counts(bed, [...tables]);
    const stale = await bed.run(TRANSFER, { input: transfer(from.id, from.version, { toSchoolId: '431003101-J', grade: 7 }) });
    expect(refusal(stale, 'transferChild')).toMatchObject({ code: 'CONFLICT', currentVersion: from.version + 1 });
    expect(await counts(bed, [...tables])).toEqual(before);
  });

  it('transfers only pupils of schools in the jurisdiction, and a school only its own', async () => {
    const fushunPupil = await currentOf('LB000000003');
    const juniorMiddle = await currentOf('LB000000004');
    const before = await counts(bed, [...tables]);
    const elsewhere = await bed.run(TRANSFER, { input: transfer(fushunPupil.id, fushunPupil.version) });
    expect(refusal(elsewhere, 'transferChild')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    const unknown = await bed.run(TRANSFER, { input: transfer(999999, 1) });
    expect(refusal(unknown, 'transferChild')).toMatchObject({ code: 'NOT_FOUND' });
    const otherSchool = await bed.run(TRANSFER, { input: transfer(juniorMiddle.id, juniorMiddle.version, { grade: 6 }) }, BAILUTANG_PRIMARY);
    expect(refusal(otherSchool, 'transferChild')).toMatchObject({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await counts(bed, [...tables])).toEqual(before);
  });
});
