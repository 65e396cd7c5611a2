import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { educationEnrollment } from '../src/index.ts';
import { schoolTermOf, todayInChina } from '../src/school-term.ts';
import { ID, TEMPORARY_NUMBER, insertEnrollmentFixtures } from './fixtures.ts';

const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertEnrollmentFixtures, principal: testPrincipal({ agency: 'education' }) });
// The bed's officer works in Suxian district; 赵小宝 goes to school in Fushun county, outside it
// (what each caller sees is jurisdiction.test.ts's subject), so his records are read by a Fushun officer.
const FUSHUN_OFFICER = testPrincipal({ agency: 'education', region: '210421' });
// Province officers under SUPERVISION have record access: their counts are exact, never suppressed.
const provinceSupervisor = (region: string) => testPrincipal({ agency: 'education', level: 'province', region });
const run = bed.run;
const ids = (connection: { edges: { node: { id: string } }[] }) => connection.edges.map((e) => e.node.id);

const childEntities = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Child { id leftBehindFlag dropoutStatus currentEnrollment { grade school { id } } }
} }`;
const childReps = (childIds: string[]) => childIds.map((id) => ({ __typename: 'Child', id }));

describe('education-enrollment', () => {
  it("returns a child's school record: enrollment, paired teacher, attendance, counselling", async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
        id leftBehindFlag dropoutStatus pairedSince
        currentEnrollment { studentNumber grade className boarding leftBehind enrolledOn leftOn current
          school { id name kind region { code } } child { id } }
        pairedTeacher { id name phone school { name } }
        attendance(first: 2) { edges { node { month unexcusedDays excusedDays } } pageInfo { hasNextPage } }
        dropoutReports { edges { node { id } } }
        counsellingSessions { edges { node { sessionOn counsellor notes } } }
      } } }`,
      { reps: childReps(['LB000000001']) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: 'LB000000001',
        leftBehindFlag: true,
        dropoutStatus: 'NONE',
        pairedSince: '2023-03-01',
        currentEnrollment: {
          studentNumber: `G${ID.wang}`,
          grade: 6,
          className: '2班',
          boarding: true,
          leftBehind: true,
          enrolledOn: '2018-09-01',
          leftOn: null,
          current: true,
          school: { id: '431003101-P', name: '白露塘镇中心小学', kind: 'PRIMARY', region: { code: '431003101001' } },
          child: { id: 'LB000000001' },
        },
        pairedTeacher: { id: '431003101-P-T0', name: '周老师', phone: '13600000001', school: { name: '白露塘镇中心小学' } },
        attendance: {
          edges: [{ node: { month: '2025-02', unexcusedDays: 4, excusedDays: 0 } }, { node: { month: '2024-10', unexcusedDays: 1, excusedDays: 2 } }],
          pageInfo: { hasNextPage: true },
        },
        dropoutReports: { edges: [] },
        counsellingSessions: {
          edges: [
            { node: { sessionOn: '2024-06-05', counsellor: '心理辅导教师 陈老师', notes: '每周与父母视频通话后情绪好转' } },
            { node: { sessionOn: '2024-04-10', counsellor: '心理辅导教师 陈老师', notes: '思念父母，情绪低落' } },
          ],
        },
      },
    ]);
  });

  it('keeps the left-behind flag when a child changes school (档案随学籍流转)', async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
        leftBehindFlag
        currentEnrollment { school { id } grade leftBehind enrolledOn }
        enrollmentHistory { edges { node { school { id name } grade leftBehind enrolledOn leftOn current } } }
      } } }`,
      { reps: childReps(['LB000000002']) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        leftBehindFlag: true,
        currentEnrollment: { school: { id: '431003101-P' }, grade: 4, leftBehind: true, enrolledOn: '2024-02-26' },
        enrollmentHistory: {
          edges: [
            { node: { school: { id: '431003101-P', name: '白露塘镇中心小学' }, grade: 4, leftBehind: true, enrolledOn: '2024-02-26', leftOn: null, current: true } },
            { node: { school: { id: '431003102-P', name: '良田镇中心小学' }, grade: 3, leftBehind: true, enrolledOn: '2020-09-01', leftOn: '2024-02-26', current: false } },
          ],
        },
      },
    ]);
  });

  it('derives the dropout status from the latest report, and knows children who left school', async () => {
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
        id dropoutStatus leftBehindFlag currentEnrollment { id }
        dropoutReports { edges { node { reportedOn reason status returnedOn school { id } } } }
      } } }`;
    const suxian = await run(query, { reps: childReps(['LB000000004', 'LB000000005', 'LB000000006']) });
    const fushun = await run(query, { reps: childReps(['LB000000003']) }, FUSHUN_OFFICER);
    expect(suxian.errors).toBeUndefined();
    expect(fushun.errors).toBeUndefined();
    const [zhao] = fushun.data!._entities as any[];
    const [liu, chen, yang] = suxian.data!._entities as any[];
    // A RETURNED report from 2023 does not hide the newer one still under persuasion.
    expect(zhao.dropoutStatus).toBe('PERSUADING');
    expect(zhao.dropoutReports.edges.map((e: any) => e.node)).toEqual([
      { reportedOn: '2024-05-20', reason: '照顾家人', status: 'PERSUADING', returnedOn: null, school: { id: '210421101-P' } },
      { reportedOn: '2023-04-10', reason: '厌学', status: 'RETURNED', returnedOn: '2023-05-08', school: { id: '210421101-P' } },
    ]);
    expect([liu.dropoutStatus, liu.leftBehindFlag]).toEqual(['RETURNED', false]);
    expect(yang.dropoutStatus).toBe('REFERRED');
    // 陈小燕 left to join her parents: no current enrollment, but the flag of her last one is still known.
    expect(chen).toEqual({ id: 'LB000000005', dropoutStatus: 'NONE', leftBehindFlag: true, currentEnrollment: null, dropoutReports: { edges: [] } });
  });

  it('resolves Child _entities in order, null for unknown children, at a cost independent of their number', async () => {
    const few = await run(childEntities, { reps: childReps(['LB000000006', 'LB000000099', 'LB000000001', 'LB000000002']) });
    expect(few.errors).toBeUndefined();
    expect(few.data!._entities).toEqual([
      { id: 'LB000000006', leftBehindFlag: true, dropoutStatus: 'REFERRED', currentEnrollment: { grade: 3, school: { id: '431003101-P' } } },
      null,
      { id: 'LB000000001', leftBehindFlag: true, dropoutStatus: 'NONE', currentEnrollment: { grade: 6, school: { id: '431003101-P' } } },
      { id: 'LB000000002', leftBehindFlag: true, dropoutStatus: 'NONE', currentEnrollment: { grade: 4, school: { id: '431003101-P' } } },
    ]);
    // One statement each for the latest enrollments, the latest dropout reports and the schools.
    expect(bed.database.statements.count).toBe(3);

    bed.database.statements.reset();
    const suxianChildren = ['LB000000001', 'LB000000002', 'LB000000004', 'LB000000005', 'LB000000006'];
    const many = await run(childEntities, { reps: childReps([...suxianChildren, ...Array.from({ length: 40 }, (_, i) => `LB1${i}`)]) });
    expect(many.errors).toBeUndefined();
    expect((many.data!._entities as unknown[]).filter((e) => e !== null)).toHaveLength(5);
    expect(bed.database.statements.count).toBe(3);
  });

  it('counts school statistics for regions at every level in one statement per term', async () => {
    const stats = `term schools enrolledChildren enrolledLeftBehind boarding boardingLeftBehind
      leftBehindWithoutPairedTeacher dropoutsOpen dropoutsReturned unexcusedAbsenceDaysThisTerm childrenWithUnexcusedAbsenceThisTerm`;
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region {
        code autumn: schoolStats(asOf: "2024-10-15") { ${stats} } spring: schoolStats(asOf: "2024-03-20") { term unexcusedAbsenceDaysThisTerm }
      } } }`;
    const regions = (codes: string[]) => ({ reps: codes.map((code) => ({ __typename: 'Region', code })) });
    // Aggregates are read inside the jurisdiction only: each province's supervisor reads its own regions.
    const hunan = await run(query, regions(['43', '431003101001', '431003102']), provinceSupervisor('43'), 'SUPERVISION');
    expect(bed.database.statements.count).toBe(2);
    const liaoning = await run(query, regions(['21']), provinceSupervisor('21'), 'SUPERVISION');
    const beijing = await run(query, regions(['11']), provinceSupervisor('11'), 'SUPERVISION');
    for (const result of [hunan, liaoning, beijing]) expect(result.errors).toBeUndefined();
    const result = { data: { _entities: [...hunan.data!._entities, ...liaoning.data!._entities, ...beijing.data!._entities] } };
    const zero = {
      schools: 0,
      enrolledChildren: 0,
      enrolledLeftBehind: 0,
      boarding: 0,
      boardingLeftBehind: 0,
      leftBehindWithoutPairedTeacher: 0,
      dropoutsOpen: 0,
      dropoutsReturned: 0,
      unexcusedAbsenceDaysThisTerm: 0,
      childrenWithUnexcusedAbsenceThisTerm: 0,
    };
    expect(result.data!._entities).toEqual([
      {
        code: '43',
        // 王小明, 李小红 (after her transfer), 刘小军, 杨小宇; 陈小燕 left school and no longer counts.
        autumn: {
          term: '2024-AUTUMN',
          schools: 3,
          enrolledChildren: 4,
          enrolledLeftBehind: 3,
          boarding: 2,
          boardingLeftBehind: 1,
          leftBehindWithoutPairedTeacher: 1,
          dropoutsOpen: 1,
          dropoutsReturned: 1,
          unexcusedAbsenceDaysThisTerm: 9,
          childrenWithUnexcusedAbsenceThisTerm: 2,
        },
        // Only 王小明's March absence: 陈小燕's is in the same term but she is no longer enrolled.
        spring: { term: '2024-SPRING', unexcusedAbsenceDaysThisTerm: 2 },
      },
      {
        code: '431003101001',
        autumn: {
          term: '2024-AUTUMN',
          schools: 1,
          enrolledChildren: 3,
          enrolledLeftBehind: 3,
          boarding: 1,
          boardingLeftBehind: 1,
          leftBehindWithoutPairedTeacher: 1,
          dropoutsOpen: 1,
          dropoutsReturned: 0,
          unexcusedAbsenceDaysThisTerm: 9,
          childrenWithUnexcusedAbsenceThisTerm: 2,
        },
        spring: { term: '2024-SPRING', unexcusedAbsenceDaysThisTerm: 2 },
      },
      // 良田: the school 李小红 left has no current enrollment.
      { code: '431003102', autumn: { term: '2024-AUTUMN', ...zero, schools: 1 }, spring: { term: '2024-SPRING', unexcusedAbsenceDaysThisTerm: 0 } },
      {
        code: '21',
        autumn: {
          term: '2024-AUTUMN',
          schools: 1,
          enrolledChildren: 1,
          enrolledLeftBehind: 1,
          boarding: 0,
          boardingLeftBehind: 0,
          leftBehindWithoutPairedTeacher: 1,
          dropoutsOpen: 1,
          dropoutsReturned: 0,
          unexcusedAbsenceDaysThisTerm: 27,
          childrenWithUnexcusedAbsenceThisTerm: 1,
        },
        spring: { term: '2024-SPRING', unexcusedAbsenceDaysThisTerm: 0 },
      },
      // Regions are civil affairs' to know: a place without schools here simply counts zero.
      { code: '11', autumn: { term: '2024-AUTUMN', ...zero }, spring: { term: '2024-SPRING', unexcusedAbsenceDaysThisTerm: 0 } },
    ]);
  });

  it('places a day in its school term, by default today in Beijing', async () => {
    expect(['2024-09-01', '2025-01-20', '2025-02-01', '2025-07-15', '2025-08-31'].map((d) => schoolTermOf(d))).toEqual([
      { label: '2024-AUTUMN', firstMonth: '2024-09', lastMonth: '2025-01' },
      { label: '2024-AUTUMN', firstMonth: '2024-09', lastMonth: '2025-01' },
      { label: '2025-SPRING', firstMonth: '2025-02', lastMonth: '2025-08' },
      { label: '2025-SPRING', firstMonth: '2025-02', lastMonth: '2025-08' },
      { label: '2025-SPRING', firstMonth: '2025-02', lastMonth: '2025-08' },
    ]);
    // 00:30 on 1 September in Beijing is still 31 August in UTC.
    expect(todayInChina(new Date('2024-08-31T16:30:00Z'))).toBe('2024-09-01');
    const today = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { schoolStats { term } } } }`, {
      reps: [{ __typename: 'Region', code: '431003' }],
    });
    expect(today.data!._entities).toEqual([{ schoolStats: { term: schoolTermOf(todayInChina()).label } }]);
  });

  it('lists the schools of several regions in one statement, paged by location', async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region {
        code schools(first: 2) { edges { node { id name kind } } pageInfo { hasNextPage } }
      } } }`,
      { reps: ['431003', '21', '11'].map((code) => ({ __typename: 'Region', code })) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        code: '431003',
        schools: {
          edges: [{ node: { id: '431003101-P', name: '白露塘镇中心小学', kind: 'PRIMARY' } }, { node: { id: '431003101-J', name: '白露塘镇中学', kind: 'JUNIOR_MIDDLE' } }],
          pageInfo: { hasNextPage: true },
        },
      },
      { code: '21', schools: { edges: [{ node: { id: '210421101-P', name: '石文镇中心小学', kind: 'PRIMARY' } }], pageInfo: { hasNextPage: false } } },
      { code: '11', schools: { edges: [], pageInfo: { hasNextPage: false } } },
    ]);
    expect(bed.database.statements.count).toBe(1);
  });

  it('pages schools, rosters, teachers and enrollment histories with keyset cursors', async () => {
    const schools = `query($after: String) { schools(regionCode: "431003", first: 2, after: $after) {
      edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const page1 = await run(schools);
    expect(ids(page1.data!.schools)).toEqual(['431003101-P', '431003101-J']);
    expect(page1.data!.schools.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(schools, { after: page1.data!.schools.pageInfo.endCursor });
    expect(ids(page2.data!.schools)).toEqual(['431003102-P']);
    expect(page2.data!.schools.pageInfo.hasNextPage).toBe(false);

    const roster = `query($after: String) { school(id: "431003101-P") {
      enrolledChildren(first: 2, after: $after) { edges { node { id } enrollment { grade className } } pageInfo { hasNextPage endCursor } }
      teachers(first: 2) { edges { node { id } } pageInfo { hasNextPage } }
    } }`;
    const roster1 = await run(roster);
    expect(roster1.errors).toBeUndefined();
    // By grade, then class, then child: 杨小宇 (3), 李小红 (4), 王小明 (6); 陈小燕 left.
    expect(roster1.data!.school.enrolledChildren.edges.map((e: any) => [e.node.id, e.enrollment.grade, e.enrollment.className])).toEqual([
      ['LB000000006', 3, '1班'],
      ['LB000000002', 4, '1班'],
    ]);
    expect(roster1.data!.school.enrolledChildren.pageInfo.hasNextPage).toBe(true);
    expect(roster1.data!.school.teachers).toEqual({ edges: [{ node: { id: '431003101-P-T0' } }, { node: { id: '431003101-P-T1' } }], pageInfo: { hasNextPage: true } });
    const roster2 = await run(roster, { after: roster1.data!.school.enrolledChildren.pageInfo.endCursor });
    expect(ids(roster2.data!.school.enrolledChildren)).toEqual(['LB000000001']);
    expect(roster2.data!.school.enrolledChildren.pageInfo.hasNextPage).toBe(false);

    const history = `query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on Child {
      enrollmentHistory(first: 1, after: $after) { edges { node { school { id } } } pageInfo { hasNextPage endCursor } } } } }`;
    const reps = childReps(['LB000000002']);
    const history1 = await run(history, { reps });
    const first = (history1.data!._entities as any[])[0].enrollmentHistory;
    expect([first.edges[0].node.school.id, first.pageInfo.hasNextPage]).toEqual(['431003101-P', true]);
    const history2 = await run(history, { reps, after: first.pageInfo.endCursor });
    const second = (history2.data!._entities as any[])[0].enrollmentHistory;
    expect([second.edges[0].node.school.id, second.pageInfo.hasNextPage]).toEqual(['431003102-P', false]);
  });

  it('finds an enrollment by national or temporary student number', async () => {
    const query = `query($n: String!) { enrollmentByStudentNumber(studentNumber: $n) { current school { id } child { id } } }`;
    const transferred = await run(query, { n: `G${ID.li}` });
    expect(transferred.data!.enrollmentByStudentNumber).toEqual({ current: true, school: { id: '431003101-P' }, child: { id: 'LB000000002' } });
    const temporary = await run(query, { n: TEMPORARY_NUMBER }, FUSHUN_OFFICER);
    expect(temporary.data!.enrollmentByStudentNumber).toEqual({ current: true, school: { id: '210421101-P' }, child: { id: 'LB000000003' } });
    const leftSchool = await run(query, { n: `G${ID.chen}` });
    expect(leftSchool.data!.enrollmentByStudentNumber).toEqual({ current: false, school: { id: '431003101-P' }, child: { id: 'LB000000005' } });
    // Unknown: null with NOT_FOUND, the very answer an enrollment outside the jurisdiction gets (see jurisdiction.test.ts).
    const unknown = await run(query, { n: 'L00000000000000099' });
    expect(unknown.errors!.map((e) => e.extensions!.code)).toEqual(['NOT_FOUND']);
    expect(unknown.data!.enrollmentByStudentNumber).toBeNull();
    expect((await run(`{ school(id: "999999999-P") { id } }`)).data!.school).toBeNull();
  });

  it('refuses malformed division codes, page sizes, cursors and student numbers with BAD_USER_INPUT', async () => {
    const badVariable = await run(`query($c: DivisionCode!) { schools(regionCode: $c) { edges { cursor } } }`, { c: '43100' });
    expect(badVariable.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badVariable.errors![0]!.message).toContain('expected 2, 4, 6, 9 or 12 digits');

    const badRepresentation = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { schools { edges { cursor } } } } }`, {
      reps: [{ __typename: 'Region', code: '4310x3' }],
    });
    expect(badRepresentation.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badRepresentation.errors![0]!.message).toContain('expected 2, 4, 6, 9 or 12 digits');

    const tooMany = await run(`{ schools(regionCode: "43", first: 501) { edges { cursor } } }`);
    expect(tooMany.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(tooMany.errors![0]!.message).toBe('"first" must be between 1 and 500');
    const tooManyNested = await run(`{ school(id: "431003101-P") { enrolledChildren(first: 501) { edges { cursor } } } }`);
    expect(tooManyNested.errors![0]!.message).toBe('"first" must be between 1 and 500');

    const badCursor = await run(`{ schools(regionCode: "43", after: "bm90LWEtY3Vyc29y") { edges { cursor } } }`);
    expect(badCursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    // A cursor from another list (one sort column, not three) is refused, not misread.
    const teacherCursor = (await run(`{ school(id: "431003101-P") { teachers(first: 1) { pageInfo { endCursor } } } }`)).data!.school.teachers.pageInfo.endCursor;
    const wrongList = await run(`query($a: String) { school(id: "431003101-P") { enrolledChildren(after: $a) { edges { cursor } } } }`, { a: teacherCursor });
    expect(wrongList.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    // A hand-made cursor of the right length with text where the grade goes is refused too, not an internal error.
    const textGrade = Buffer.from(JSON.stringify(['x', '1班', 'LB000000001'])).toString('base64url');
    const badGrade = await run(`query($a: String) { school(id: "431003101-P") { enrolledChildren(after: $a) { edges { cursor } } } }`, { a: textGrade });
    expect(badGrade.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });

    for (const n of [`G${ID.li.slice(0, 17)}${ID.li[17] === '0' ? '1' : '0'}`, 'X123', `L${'0'.repeat(16)}`]) {
      const bad = await run(`query($n: String!) { enrollmentByStudentNumber(studentNumber: $n) { id } }`, { n });
      expect(bad.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'studentNumber' });
    }
  });
});
