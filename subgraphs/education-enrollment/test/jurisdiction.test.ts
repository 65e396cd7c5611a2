import { idNumberCheckChar, type Principal } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { FormattedExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import { educationEnrollment } from '../src/index.ts';
import { ID } from './fixtures.ts';
import { MORE_ID, WU_PLACES, insertJurisdictionFixtures } from './jurisdiction-fixtures.ts';

/**
 * Row-level jurisdiction: who sees which children. Education places a child at its school
 * (the current one, or the last one for a child who left school); see jurisdiction-fixtures.ts
 * for who goes to school where.
 */
const COUNTY = testPrincipal({ agency: 'education', region: '431003' });
const bed = useSubgraphTestBed(educationEnrollment, { fixtures: insertJurisdictionFixtures, principal: COUNTY });
const run = bed.run;

const education = (level: Principal['level'], region: string, org?: string) => testPrincipal({ agency: 'education', level, region, ...(org ? { org } : {}) });
const BAILUTANG_TOWN = education('town', '431003101');
const LIANGTIAN_TOWN = education('town', '431003102');
const FUSHUN_COUNTY = education('county', '210421');
const AUDITOR = testPrincipal({ agency: 'audit', region: '431003' });

const childReps = (ids: string[]) => ({ reps: ids.map((id) => ({ __typename: 'Child', id })) });
const regionReps = (codes: string[]) => ({ reps: codes.map((code) => ({ __typename: 'Region', code })) });
const childIds = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id } } }`;
const byStudentNumber = `query($n: String!) { enrollmentByStudentNumber(studentNumber: $n) { school { id } child { id } } }`;
const roster = `query($id: ID!) { school(id: $id) { name enrolledChildren { edges { node { id } enrollment { grade } } } } }`;
const schoolRosters = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region {
  schools { edges { node { id enrolledChildren { edges { node { id } } } } } } } } }`;

/** The ids an entity batch resolved to, in order (null where nothing was given). */
const resolved = (result: FormattedExecutionResult<Record<string, any>>) => (result.data!._entities as ({ id: string } | null)[]).map((entity) => entity?.id ?? null);

/** Every error, reduced to what the caller relies on. */
const errorsOf = (result: FormattedExecutionResult) => (result.errors ?? []).map(({ message, path, extensions }) => ({ message, path, code: extensions?.code, reason: extensions?.reason }));

/** The subgraph's own field rule (defense in depth): auditors read no child data. */
const refused = (coordinate: string, path: (string | number)[]) => ({
  message: `not authorized to read ${coordinate}`,
  path,
  code: 'UNAUTHORIZED_FIELD_OR_TYPE',
  reason: undefined,
});

/** A lookup by student number that found nothing the caller may see: unknown and out of scope alike. */
const notFound = (path: (string | number)[]) => ({
  message: 'no enrollment found within your jurisdiction',
  path,
  code: 'NOT_FOUND',
  reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION',
});

const outside = (what: string, path: (string | number)[]) => ({
  message: `${what} is outside your jurisdiction`,
  path,
  code: 'FORBIDDEN',
  reason: 'OUTSIDE_JURISDICTION',
});

/** Each region's roster of school ids to pupil ids. */
const rostersOf = (result: FormattedExecutionResult<Record<string, any>>) =>
  (result.data!._entities as any[]).map((region) => Object.fromEntries(region.schools.edges.map((e: any) => [e.node.id, e.node.enrolledChildren.edges.map((c: any) => c.node.id)])));

describe('education-enrollment jurisdiction', () => {
  describe('child lookups (_entities)', () => {
    it('resolves in-scope children, refuses out-of-scope ones with FORBIDDEN at their path, keeps unknown ones plain null, in order', async () => {
      const result = await run(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id leftBehindFlag currentEnrollment { grade className } } } }`,
        childReps(['LB000000001', 'LB000000003', 'LB000000099', 'LB000000007', 'LB000000008']),
      );
      expect(result.data!._entities).toEqual([
        { id: 'LB000000001', leftBehindFlag: true, currentEnrollment: { grade: 6, className: '2班' } },
        null,
        null,
        { id: 'LB000000007', leftBehindFlag: true, currentEnrollment: { grade: 5, className: '1班' } },
        { id: 'LB000000008', leftBehindFlag: true, currentEnrollment: { grade: 2, className: '1班' } },
      ]);
      // 赵小宝's school is in Fushun: refused; LB000000099 is unknown to education: no error.
      expect(errorsOf(result)).toEqual([outside('child LB000000003', ['_entities', 1])]);
      // The verdict comes with the enrollment: one statement for the whole batch.
      expect(bed.database.statements.count).toBe(1);
    });

    it('costs one statement however many children, in or out of scope, are asked for', async () => {
      const many = ['LB000000001', 'LB000000003', 'LB000000007', ...Array.from({ length: 40 }, (_, i) => `LB1${i}`)];
      const result = await run(childIds, childReps(many));
      expect(resolved(result)).toEqual(['LB000000001', null, 'LB000000007', ...Array(40).fill(null)]);
      expect(errorsOf(result)).toEqual([outside('child LB000000003', ['_entities', 1])]);
      expect(bed.database.statements.count).toBe(1);
    });
  });

  describe('town and county officers', () => {
    it('a town officer sees the pupils of the schools in the town, and the children who left them', async () => {
      const all = ['LB000000001', 'LB000000002', 'LB000000003', 'LB000000004', 'LB000000005', 'LB000000006', 'LB000000007', 'LB000000008'];
      const bailutang = await run(childIds, childReps(all), BAILUTANG_TOWN);
      // 陈小燕 (5) left 白露塘镇中心小学 and stays with it; 李小红 (2) and 周小雨 (7) transferred in.
      expect(resolved(bailutang)).toEqual(['LB000000001', 'LB000000002', null, 'LB000000004', 'LB000000005', 'LB000000006', 'LB000000007', null]);
      expect(errorsOf(bailutang)).toEqual([outside('child LB000000003', ['_entities', 2]), outside('child LB000000008', ['_entities', 7])]);

      // 良田: only 吴小刚. 李小红 was enrolled here until 2024: her current school decides.
      const liangtian = await run(childIds, childReps(['LB000000008', 'LB000000002', 'LB000000001']), LIANGTIAN_TOWN);
      expect(resolved(liangtian)).toEqual(['LB000000008', null, null]);
      expect(errorsOf(liangtian)).toEqual([outside('child LB000000002', ['_entities', 1]), outside('child LB000000001', ['_entities', 2])]);
    });

    it("lists only the pupils of a town's schools under every school, in one statement per list", async () => {
      const bailutang = await run(schoolRosters, regionReps(['431003']), BAILUTANG_TOWN);
      expect(bailutang.errors).toBeUndefined();
      // Every school of the county is listed (schools are public), but 良田's pupils are not this officer's.
      expect(rostersOf(bailutang)).toEqual([{ '431003101-P': ['LB000000006', 'LB000000002', 'LB000000007', 'LB000000001'], '431003101-J': ['LB000000004'], '431003102-P': [] }]);
      // The schools, then all their rosters.
      expect(bed.database.statements.count).toBe(2);

      const liangtian = await run(schoolRosters, regionReps(['431003']), LIANGTIAN_TOWN);
      expect(rostersOf(liangtian)).toEqual([{ '431003101-P': [], '431003101-J': [], '431003102-P': ['LB000000008'] }]);
    });

    it("a county officer of another county sees none of this county's children: refused lookups, empty lists", async () => {
      const entities = await run(childIds, childReps(['LB000000001', 'LB000000007', 'LB000000003']), FUSHUN_COUNTY);
      // 周小雨 left Fushun for Suxian: her old county no longer sees her.
      expect(resolved(entities)).toEqual([null, null, 'LB000000003']);
      expect(errorsOf(entities)).toEqual([outside('child LB000000001', ['_entities', 0]), outside('child LB000000007', ['_entities', 1])]);

      const lookup = await run(byStudentNumber, { n: `G${ID.wang}` }, FUSHUN_COUNTY);
      expect(lookup.data!.enrollmentByStudentNumber).toBeNull();
      expect(errorsOf(lookup)).toEqual([notFound(['enrollmentByStudentNumber'])]);
      expect(JSON.stringify(lookup)).not.toContain(ID.wang);

      const school = await run(roster, { id: '431003101-P' }, FUSHUN_COUNTY);
      expect(school.errors).toBeUndefined();
      expect(school.data!.school).toEqual({ name: '白露塘镇中心小学', enrolledChildren: { edges: [] } });
      expect(rostersOf(await run(schoolRosters, regionReps(['43']), FUSHUN_COUNTY))).toEqual([{ '431003101-P': [], '431003101-J': [], '431003102-P': [] }]);
    });

    it('looks up student numbers in scope, and answers an unknown number exactly as one outside the jurisdiction', async () => {
      const transferredIn = await run(byStudentNumber, { n: `G${MORE_ID.zhou}` });
      expect(transferredIn.errors).toBeUndefined();
      expect(transferredIn.data!.enrollmentByStudentNumber).toEqual({ school: { id: '431003101-P' }, child: { id: 'LB000000007' } });
      // A temporary number nobody has, and a valid national number (G + ID number) nobody has.
      for (const unknownNumber of ['L00000000000000099', `G43100320120315099${idNumberCheckChar('43100320120315099')}`]) {
        const unknown = await run(byStudentNumber, { n: unknownNumber }, FUSHUN_COUNTY);
        const elsewhere = await run(byStudentNumber, { n: `G${ID.wang}` }, FUSHUN_COUNTY);
        expect(unknown).toEqual(elsewhere);
        expect(JSON.stringify(unknown)).toBe(JSON.stringify(elsewhere));
        expect(unknown.data).toEqual({ enrollmentByStudentNumber: null });
        expect(errorsOf(unknown)).toEqual([notFound(['enrollmentByStudentNumber'])]);
      }
    });
  });

  describe('org-bound principals', () => {
    // Teachers of 白露塘镇中心小学 whose own region holds no school: one in another town, one in another county.
    const teachers = [education('village', '431003102002', '431003101-P'), education('village', '210421102001', '431003101-P')];

    it.each(teachers)("a teacher sees its school's pupils wherever it is registered (region $region)", async (teacher) => {
      const entities = await run(childIds, childReps(['LB000000001', 'LB000000002', 'LB000000004', 'LB000000005', 'LB000000006', 'LB000000007', 'LB000000008']), teacher);
      // 刘小军 (4) goes to the town's middle school and 吴小刚 (8) to 良田: not this teacher's pupils.
      expect(resolved(entities)).toEqual(['LB000000001', 'LB000000002', null, 'LB000000005', 'LB000000006', 'LB000000007', null]);
      expect(errorsOf(entities)).toEqual([outside('child LB000000004', ['_entities', 2]), outside('child LB000000008', ['_entities', 6])]);

      const own = await run(roster, { id: '431003101-P' }, teacher);
      expect(own.data!.school.enrolledChildren.edges).toEqual([
        { node: { id: 'LB000000006' }, enrollment: { grade: 3 } },
        { node: { id: 'LB000000002' }, enrollment: { grade: 4 } },
        { node: { id: 'LB000000007' }, enrollment: { grade: 5 } },
        { node: { id: 'LB000000001' }, enrollment: { grade: 6 } },
      ]);
      expect((await run(roster, { id: '431003101-J' }, teacher)).data!.school.enrolledChildren.edges).toEqual([]);
    });

    it('follows a child who transferred in from another province, with her whole school history', async () => {
      const result = await run(
        `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
          leftBehindFlag enrollmentHistory { edges { node { school { id } grade leftBehind current } } } } } }`,
        childReps(['LB000000007']),
        teachers[0],
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([
        {
          leftBehindFlag: true,
          enrollmentHistory: {
            edges: [{ node: { school: { id: '431003101-P' }, grade: 5, leftBehind: true, current: true } }, { node: { school: { id: '210421101-P' }, grade: 4, leftBehind: true, current: false } }],
          },
        },
      ]);
      const lookup = await run(byStudentNumber, { n: `G${MORE_ID.zhou}` }, teachers[1]);
      expect(lookup.data!.enrollmentByStudentNumber).toEqual({ school: { id: '431003101-P' }, child: { id: 'LB000000007' } });
    });
  });

  describe("the hub's one rule: any place of the child, or its org in any agency (child_place)", () => {
    // 吴小刚 lives in Guiyang (A), is registered in Yizhang (B), goes to school in Suxian (C); see jurisdiction-fixtures.ts.
    const livesIn = education('county', '431021');
    const registeredIn = education('county', '431022');
    const schooledIn = COUNTY;
    const SLICE = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
      id leftBehindFlag currentEnrollment { school { id } grade } } } }`;
    const slice = { id: WU_PLACES.child, leftBehindFlag: true, currentEnrollment: { school: { id: WU_PLACES.schoolId }, grade: 2 } };

    it('shows the enrollment slice of a child to the counties it lives, is registered and goes to school in, at the same statement cost', async () => {
      for (const officer of [livesIn, registeredIn, schooledIn]) {
        bed.database.statements.reset();
        const result = await run(SLICE, childReps([WU_PLACES.child, 'LB000000001']), officer);
        expect(result.data!._entities[0]).toEqual(slice);
        // The verdict, place rule included, still comes with the enrollment: one statement for the batch, one for its schools.
        expect(bed.database.statements.count).toBe(2);
        const lookup = await run(byStudentNumber, { n: `G${MORE_ID.wu}` }, officer);
        expect(lookup.errors).toBeUndefined();
        expect(lookup.data!.enrollmentByStudentNumber).toEqual({ school: { id: WU_PLACES.schoolId }, child: { id: WU_PLACES.child } });
      }
      // 王小明 has no place beyond his school: only Suxian sees him.
      const guiyang = await run(SLICE, childReps([WU_PLACES.child, 'LB000000001']), livesIn);
      expect(errorsOf(guiyang)).toEqual([outside('child LB000000001', ['_entities', 1])]);
    });

    it('answers a county holding none of its places exactly as before: FORBIDDEN by hub id, NOT_FOUND by student number', async () => {
      const result = await run(childIds, childReps([WU_PLACES.child]), FUSHUN_COUNTY);
      expect(resolved(result)).toEqual([null]);
      expect(errorsOf(result)).toEqual([outside(`child ${WU_PLACES.child}`, ['_entities', 0])]);
      const lookup = await run(byStudentNumber, { n: `G${MORE_ID.wu}` }, FUSHUN_COUNTY);
      expect(lookup.data).toEqual({ enrollmentByStudentNumber: null });
      expect(errorsOf(lookup)).toEqual([notFound(['enrollmentByStudentNumber'])]);
    });

    it("keeps a school's roster to the school's place: the county the pupil lives in sees him, not the roster", async () => {
      const school = await run(roster, { id: WU_PLACES.schoolId }, livesIn);
      expect(school.errors).toBeUndefined();
      expect(school.data!.school).toEqual({ name: '良田镇中心小学', enrolledChildren: { edges: [] } });
      expect(rostersOf(await run(schoolRosters, regionReps(['431003']), livesIn))).toEqual([{ '431003101-P': [], '431003101-J': [], '431003102-P': [] }]);
    });

    it("lets an org-bound principal of another agency see its children's enrollment slice; an org claim of the wrong agency gains nothing", async () => {
      // Bound to his station or clinic, placed in Beihu, where none of his places lies.
      const officer = testPrincipal({ agency: 'police', level: 'town', region: '431002001', org: WU_PLACES.stationId });
      const clinician = testPrincipal({ agency: 'health', level: 'town', region: '431002001', org: WU_PLACES.clinicId });
      for (const principal of [officer, clinician]) {
        const result = await run(childIds, childReps([WU_PLACES.child]), principal);
        expect(result.errors).toBeUndefined();
        expect(resolved(result)).toEqual([WU_PLACES.child]);
      }
      // The Youth League has no org column; police claiming his school, or health his station, neither.
      for (const principal of [
        testPrincipal({ agency: 'youth_league', level: 'town', region: '431002001', org: WU_PLACES.schoolId }),
        testPrincipal({ agency: 'police', level: 'town', region: '431002001', org: WU_PLACES.schoolId }),
        testPrincipal({ agency: 'health', level: 'town', region: '431002001', org: WU_PLACES.stationId }),
      ]) {
        const result = await run(childIds, childReps([WU_PLACES.child]), principal);
        expect(resolved(result)).toEqual([null]);
        expect(errorsOf(result)).toEqual([outside(`child ${WU_PLACES.child}`, ['_entities', 0])]);
      }
    });
  });

  describe('region statistics', () => {
    const counts = `schools enrolledChildren enrolledLeftBehind boarding boardingLeftBehind leftBehindWithoutPairedTeacher
      dropoutsOpen dropoutsReturned unexcusedAbsenceDaysThisTerm childrenWithUnexcusedAbsenceThisTerm`;
    const stats = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code schoolStats(asOf: "2024-10-15") { ${counts} } } } }`;
    // Autumn 2024. Suxian: 王小明, 李小红, 刘小军, 杨小宇 and 周小雨 in Bailutang, 吴小刚 in Liangtian.
    const SUXIAN = {
      schools: 3,
      enrolledChildren: 6,
      enrolledLeftBehind: 5,
      boarding: 2,
      boardingLeftBehind: 1,
      leftBehindWithoutPairedTeacher: 3,
      dropoutsOpen: 1,
      dropoutsReturned: 1,
      unexcusedAbsenceDaysThisTerm: 9,
      childrenWithUnexcusedAbsenceThisTerm: 2,
    };
    const BAILUTANG = {
      schools: 2,
      enrolledChildren: 5,
      enrolledLeftBehind: 4,
      boarding: 2,
      boardingLeftBehind: 1,
      leftBehindWithoutPairedTeacher: 2,
      dropoutsOpen: 1,
      dropoutsReturned: 1,
      unexcusedAbsenceDaysThisTerm: 9,
      childrenWithUnexcusedAbsenceThisTerm: 2,
    };
    const LIANGTIAN = {
      schools: 1,
      enrolledChildren: 1,
      enrolledLeftBehind: 1,
      boarding: 0,
      boardingLeftBehind: 0,
      leftBehindWithoutPairedTeacher: 1,
      dropoutsOpen: 0,
      dropoutsReturned: 0,
      unexcusedAbsenceDaysThisTerm: 0,
      childrenWithUnexcusedAbsenceThisTerm: 0,
    };
    // The same, as released without record access: in bands of five (null below 5, zero
    // included; 6 and 9 become 5); the number of schools as it is.
    const SUXIAN_SUPPRESSED = {
      schools: 3,
      enrolledChildren: 5,
      enrolledLeftBehind: 5,
      boarding: null,
      boardingLeftBehind: null,
      leftBehindWithoutPairedTeacher: null,
      dropoutsOpen: null,
      dropoutsReturned: null,
      unexcusedAbsenceDaysThisTerm: 5,
      childrenWithUnexcusedAbsenceThisTerm: null,
    };
    const LIANGTIAN_SUPPRESSED = {
      schools: 1,
      enrolledChildren: null,
      enrolledLeftBehind: null,
      boarding: null,
      boardingLeftBehind: null,
      leftBehindWithoutPairedTeacher: null,
      dropoutsOpen: null,
      dropoutsReturned: null,
      unexcusedAbsenceDaysThisTerm: null,
      childrenWithUnexcusedAbsenceThisTerm: null,
    };

    it('gives a county officer working on cases exact counts, small ones included, for places inside the county', async () => {
      const result = await run(stats, regionReps(['431003', '431003101', '431003102']), COUNTY, 'CASE_MANAGEMENT');
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([
        { code: '431003', schoolStats: SUXIAN },
        { code: '431003101', schoolStats: BAILUTANG },
        { code: '431003102', schoolStats: LIANGTIAN },
      ]);
      expect(bed.database.statements.count).toBe(1);
    });

    it('refuses places above or beside the jurisdiction, without querying them', async () => {
      const result = await run(stats, regionReps(['43', '4310', '431002', '210421', '431003102']), COUNTY);
      expect(result.data!._entities).toEqual([
        { code: '43', schoolStats: null },
        { code: '4310', schoolStats: null },
        { code: '431002', schoolStats: null },
        { code: '210421', schoolStats: null },
        { code: '431003102', schoolStats: LIANGTIAN },
      ]);
      expect(errorsOf(result)).toEqual([
        outside('region 43', ['_entities', 0, 'schoolStats']),
        outside('region 4310', ['_entities', 1, 'schoolStats']),
        outside('region 431002', ['_entities', 2, 'schoolStats']),
        outside('region 210421', ['_entities', 3, 'schoolStats']),
      ]);
      expect(bed.database.statements.count).toBe(1);

      const town = await run(stats, regionReps(['431003', '431003101']), BAILUTANG_TOWN);
      expect(town.data!._entities).toEqual([
        { code: '431003', schoolStats: null },
        { code: '431003101', schoolStats: BAILUTANG },
      ]);
      expect(errorsOf(town)).toEqual([outside('region 431003', ['_entities', 0, 'schoolStats'])]);
    });

    it('bands every count of children for STATISTICS, at county and city level', async () => {
      const county = await run(stats, regionReps(['431003', '431003102']), COUNTY, 'STATISTICS');
      expect(county.errors).toBeUndefined();
      expect(county.data!._entities).toEqual([
        { code: '431003', schoolStats: SUXIAN_SUPPRESSED },
        { code: '431003102', schoolStats: LIANGTIAN_SUPPRESSED },
      ]);

      const city = await run(stats, regionReps(['4310', '431003102']), education('city', '4310'), 'STATISTICS');
      expect(city.errors).toBeUndefined();
      expect(city.data!._entities).toEqual([
        { code: '4310', schoolStats: SUXIAN_SUPPRESSED },
        { code: '431003102', schoolStats: LIANGTIAN_SUPPRESSED },
      ]);
    });

    it('bands for a city without SUPERVISION, and gives it exact counts under SUPERVISION', async () => {
      const city = education('city', '4310');
      expect((await run(stats, regionReps(['4310']), city, 'CASE_MANAGEMENT')).data!._entities).toEqual([{ code: '4310', schoolStats: SUXIAN_SUPPRESSED }]);
      expect((await run(stats, regionReps(['4310']), city, 'SUPERVISION')).data!._entities).toEqual([{ code: '4310', schoolStats: SUXIAN }]);
    });

    it('gives a county officer of another agency exact counts only of the facts it may read on the record', async () => {
      // The Youth League reads BASIC fields (enrollment, boarding), not PROTECTIVE ones (dropouts, attendance, pairing).
      const youthLeague = testPrincipal({ agency: 'youth_league', level: 'county', region: '431003' });
      expect((await run(stats, regionReps(['431003']), youthLeague)).data!._entities).toEqual([
        {
          code: '431003',
          schoolStats: { ...SUXIAN, leftBehindWithoutPairedTeacher: null, dropoutsOpen: null, dropoutsReturned: null, unexcusedAbsenceDaysThisTerm: 5, childrenWithUnexcusedAbsenceThisTerm: null },
        },
      ]);
      // Justice reads PROTECTIVE fields: exact, as education itself.
      const justice = testPrincipal({ agency: 'justice', level: 'county', region: '431003' });
      expect((await run(stats, regionReps(['431003']), justice)).data!._entities).toEqual([{ code: '431003', schoolStats: SUXIAN }]);
    });
  });

  describe('auditors', () => {
    it('read no child data: the row rule refuses entities, the field rule everything asked of the subgraph', async () => {
      const entities = await run(childIds, childReps(['LB000000001', 'LB000000099']), AUDITOR);
      expect(resolved(entities)).toEqual([null, null]);
      expect(errorsOf(entities)).toEqual([outside('child LB000000001', ['_entities', 0])]);

      const lookup = await run(byStudentNumber, { n: `G${ID.li}` }, AUDITOR);
      expect(lookup.data!.enrollmentByStudentNumber).toBeNull();
      expect(errorsOf(lookup)).toEqual([refused('Query.enrollmentByStudentNumber', ['enrollmentByStudentNumber'])]);

      const rosters = await run(schoolRosters, regionReps(['431003']), AUDITOR);
      expect(errorsOf(rosters)).toEqual([refused('Region.schools', ['_entities', 0, 'schools'])]);
      expect(JSON.stringify(rosters.data)).not.toContain('LB0');

      const statistics = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { schoolStats { term } } } }`, regionReps(['431003']), AUDITOR, 'STATISTICS');
      expect(statistics.data!._entities).toEqual([{ schoolStats: null }]);
      expect(errorsOf(statistics)).toEqual([refused('Region.schoolStats', ['_entities', 0, 'schoolStats'])]);
    });
  });
});
