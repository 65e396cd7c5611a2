import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { health } from '../src/index.ts';
import { ID, insertHealthFixtures } from './fixtures.ts';

// A county health officer of Suxian district runs every test unless it says otherwise;
// child 3 lives in Fushun county (Liaoning), so its data is checked as Fushun's officer.
const bed = useSubgraphTestBed(health, { fixtures: insertHealthFixtures, principal: testPrincipal({ agency: 'health' }) });
const run = bed.run;
const fushun = testPrincipal({ agency: 'health', region: '210421' });
const childReps = (ids: readonly string[]) => ids.map((id) => ({ __typename: 'Child', id }));

describe('health records', () => {
  it('returns a child health record with its histories, newest first', async () => {
    const result = await run(
      `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
        id
        healthRecord { number idNumber registeredOn residence { code } clinic { id name region { code } } child { id } }
        growthMeasurements { edges { node { measuredOn heightCm weightKg assessment } } }
        latestGrowthAssessment
        disability { category grade assessedOn detail }
        chronicConditions { edges { node { condition icd10 diagnosedOn } } }
        hospitalStays { edges { node { hospital } } }
        mentalHealthScreenings { edges { node { screenedOn instrument score risk notes } } }
      } } }`,
      { reps: childReps(['LB000000002']) },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      {
        id: 'LB000000002',
        healthRecord: {
          number: 'HR431003101000000002',
          idNumber: ID.li,
          registeredOn: '2014-07-15',
          residence: { code: '431003101202' },
          clinic: { id: 'CL-431003101', name: '白露塘镇卫生院', region: { code: '431003101001' } },
          child: { id: 'LB000000002' },
        },
        growthMeasurements: {
          edges: [
            { node: { measuredOn: '2024-08-01', heightCm: 119.5, weightKg: 21, assessment: 'STUNTED' } },
            { node: { measuredOn: '2023-08-01', heightCm: 118, weightKg: 20.5, assessment: 'NORMAL' } },
          ],
        },
        latestGrowthAssessment: 'STUNTED',
        disability: null,
        chronicConditions: { edges: [{ node: { condition: '哮喘', icd10: 'J45', diagnosedOn: '2021-11-03' } }] },
        hospitalStays: { edges: [] },
        mentalHealthScreenings: {
          edges: [
            { node: { screenedOn: '2024-06-01', instrument: 'CDI', score: 26, risk: 'HIGH', notes: '孤独感强，建议转介心理咨询' } },
            { node: { screenedOn: '2023-09-01', instrument: 'CDI', score: 8, risk: 'LOW', notes: null } },
          ],
        },
      },
    ]);
  });

  it('finds a record by record number and by ID number; unknown ones are null with NOT_FOUND', async () => {
    const byNumber = await run(
      `{ healthRecordByNumber(number: "HR210421100000000003") { idNumber clinic { name } child { id hospitalStays { edges { node { hospital reason admittedOn dischargedOn } } } } } }`,
      {},
      fushun,
    );
    expect(byNumber.errors).toBeUndefined();
    expect(byNumber.data!.healthRecordByNumber).toEqual({
      idNumber: null,
      clinic: { name: '石文镇卫生院' },
      child: { id: 'LB000000003', hospitalStays: { edges: [{ node: { hospital: '抚顺县人民医院', reason: '骨折', admittedOn: '2024-09-01', dischargedOn: null } }] } },
    });
    const byIdNumber = await run(`query($n: IdNumber!) { healthRecordByIdNumber(idNumber: $n) { number } }`, { n: ID.wang });
    expect(byIdNumber.data!.healthRecordByIdNumber).toEqual({ number: 'HR431003101000000001' });
    // The answer a record outside the jurisdiction gets too (see jurisdiction.test.ts).
    const unknown = await run(`{ healthRecordByNumber(number: "HR000") { number } }`);
    expect(unknown.errors!.map((e) => e.extensions)).toEqual([{ code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' }]);
    expect(unknown.data!.healthRecordByNumber).toBeNull();
  });

  it('returns the latest disability assessment only', async () => {
    const result = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id disability { category grade detail } } } }`, {
      reps: childReps(['LB000000005', 'LB000000001', 'LB000000004']),
    });
    expect(result.data!._entities).toEqual([
      { id: 'LB000000005', disability: { category: 'PHYSICAL', grade: 2, detail: '复评' } },
      { id: 'LB000000001', disability: { category: 'HEARING', grade: 3, detail: '经县级残联指定医院评定' } },
      { id: 'LB000000004', disability: null },
    ]);
    expect(bed.database.statements.count).toBe(2);
  });
});

describe('derived health facts', () => {
  const factsQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
    id immunisationComplete latestGrowthAssessment hasSeriousCondition needsHealthFollowUp
  } } }`;

  it('derives immunisation completeness, follow-up and serious conditions per child', async () => {
    const result = await run(factsQuery, { reps: childReps(['LB000000001', 'LB000000002', 'LB000000004', 'LB000000005']) });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      // Disability grade 3 is not severe; HIGH risk was an earlier screening; the stay has ended; underweight has recovered.
      { id: 'LB000000001', immunisationComplete: true, latestGrowthAssessment: 'NORMAL', hasSeriousCondition: false, needsHealthFollowUp: false },
      // MMR dose 2 missing and stunted now; asthma and HIGH risk at the latest screening.
      { id: 'LB000000002', immunisationComplete: false, latestGrowthAssessment: 'STUNTED', hasSeriousCondition: true, needsHealthFollowUp: true },
      // MenA dose 1 was due at 6 months; MMR and JE (due at 8 months) are not due yet.
      { id: 'LB000000004', immunisationComplete: false, latestGrowthAssessment: 'NORMAL', hasSeriousCondition: false, needsHealthFollowUp: true },
      // IPV dose 4 is not due until 48 months; the latest disability assessment is grade 2; overweight is not malnutrition.
      { id: 'LB000000005', immunisationComplete: true, latestGrowthAssessment: 'OVERWEIGHT', hasSeriousCondition: true, needsHealthFollowUp: false },
    ]);
    // One statement for the patients, one for every derived fact of all of them.
    expect(bed.database.statements.count).toBe(2);

    const fushunChild = await run(factsQuery, { reps: childReps(['LB000000003']) }, fushun);
    expect(fushunChild.errors).toBeUndefined();
    expect(fushunChild.data!._entities).toEqual([
      // In hospital now; never measured, which is not malnutrition.
      { id: 'LB000000003', immunisationComplete: true, latestGrowthAssessment: null, hasSeriousCondition: true, needsHealthFollowUp: false },
    ]);
  });
});

describe('federation', () => {
  const entitiesQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
    id immunisationComplete hasSeriousCondition needsHealthFollowUp
    healthRecord { number clinic { name } }
    growthMeasurements(first: 1) { edges { node { measuredOn } } }
  } } }`;

  it('resolves Child _entities in representation order: null for children without a record, refused outside the jurisdiction', async () => {
    const result = await run(entitiesQuery, { reps: childReps(['LB000000003', 'nope', 'LB000000001', 'LB000000002']) });
    expect(result.data!._entities).toEqual([
      null, // lives in Fushun county: outside a Suxian officer's jurisdiction
      null, // no health record
      {
        id: 'LB000000001',
        immunisationComplete: true,
        hasSeriousCondition: false,
        needsHealthFollowUp: false,
        healthRecord: { number: 'HR431003101000000001', clinic: { name: '白露塘镇卫生院' } },
        growthMeasurements: { edges: [{ node: { measuredOn: '2024-04-01' } }] },
      },
      {
        id: 'LB000000002',
        immunisationComplete: false,
        hasSeriousCondition: true,
        needsHealthFollowUp: true,
        healthRecord: { number: 'HR431003101000000002', clinic: { name: '白露塘镇卫生院' } },
        growthMeasurements: { edges: [{ node: { measuredOn: '2024-08-01' } }] },
      },
    ]);
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 0], extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } })]);
    // Patients, derived facts, clinics, growth pages: one statement each.
    expect(bed.database.statements.count).toBe(4);

    const fushunChild = await run(entitiesQuery, { reps: childReps(['LB000000003']) }, fushun);
    expect(fushunChild.errors).toBeUndefined();
    expect(fushunChild.data!._entities).toEqual([
      {
        id: 'LB000000003',
        immunisationComplete: true,
        hasSeriousCondition: true,
        needsHealthFollowUp: false,
        healthRecord: { number: 'HR210421100000000003', clinic: { name: '石文镇卫生院' } },
        growthMeasurements: { edges: [] },
      },
    ]);
  });

  it('costs the same number of statements for 1 child and for 500', async () => {
    await run(entitiesQuery, { reps: childReps(['LB000000001']) });
    const forOne = bed.database.statements.count;
    bed.database.statements.reset();
    const many = Array.from({ length: 500 }, (_, i) => `LB${String(i + 1).padStart(9, '0')}`);
    const result = await run(entitiesQuery, { reps: childReps(many) });
    // Four Suxian children; the Fushun one (third) is refused.
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 2], extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } })]);
    expect((result.data!._entities as unknown[]).filter(Boolean)).toHaveLength(4);
    expect(bed.database.statements.count).toBe(forOne);
  });

  it('aggregates health counts for regions at every level in one statement, without a region table', async () => {
    const statsQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code healthStats {
      withHealthRecord immunisationIncomplete malnourished disabled withChronicIllness mentalHealthHighRisk hospitalised withSeriousCondition needingFollowUp
    } } } }`;
    const regions = (codes: string[]) => ({ reps: codes.map((code) => ({ __typename: 'Region', code })) });
    // Province officers under SUPERVISION: the whole province is theirs and they have record
    // access, so the counts of what a supervisor may read on a record (BASIC, PROTECTIVE) are
    // exact; the diagnoses (SENSITIVE) come in bands of five (disclosure control is tested in
    // jurisdiction.test.ts and disclosure-control.test.ts).
    const hunan = testPrincipal({ agency: 'health', level: 'province', region: '43' });
    const liaoning = testPrincipal({ agency: 'health', level: 'province', region: '21' });
    const result = await run(statsQuery, regions(['43', '431003101201', '431003101202', '4302', 'not-a-code']), hunan, 'SUPERVISION');
    // The malformed code is refused with a reason; the valid regions still answer.
    expect(result.errors).toEqual([expect.objectContaining({ path: ['_entities', 4], extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })]);
    const stats = (entities: any[]) => entities.map((r) => r && { code: r.code, ...r.healthStats });
    const sensitive = { disabled: null, withChronicIllness: null, mentalHealthHighRisk: null, hospitalised: null };
    const zero = { withHealthRecord: 0, immunisationIncomplete: 0, malnourished: 0, withSeriousCondition: 0, needingFollowUp: 0, ...sensitive };
    expect(stats(result.data!._entities)).toEqual([
      { code: '43', withHealthRecord: 4, immunisationIncomplete: 2, malnourished: 1, withSeriousCondition: 2, needingFollowUp: 2, ...sensitive },
      { code: '431003101201', ...zero, withHealthRecord: 2, immunisationIncomplete: 1, needingFollowUp: 1 },
      { code: '431003101202', withHealthRecord: 2, immunisationIncomplete: 1, malnourished: 1, withSeriousCondition: 2, needingFollowUp: 1, ...sensitive },
      // Zhuzhou: a real place with no records here, so zeros (civil affairs decides whether it exists).
      { code: '4302', ...zero },
      null,
    ]);
    expect(bed.database.statements.count).toBe(1);

    const fushunStats = await run(statsQuery, regions(['21']), liaoning, 'SUPERVISION');
    expect(fushunStats.errors).toBeUndefined();
    expect(stats(fushunStats.data!._entities)).toEqual([{ code: '21', ...zero, withHealthRecord: 1, withSeriousCondition: 1 }]);
  });
});

describe('clinics and pagination', () => {
  it("lists clinics in a place and pages a clinic's patients by hub id", async () => {
    const clinics = await run(`{ hunan: clinics(regionCode: "43") { edges { node { id name } } pageInfo { hasNextPage } } beijing: clinics(regionCode: "11") { edges { node { id } } } }`);
    expect(clinics.data).toEqual({ hunan: { edges: [{ node: { id: 'CL-431003101', name: '白露塘镇卫生院' } }], pageInfo: { hasNextPage: false } }, beijing: { edges: [] } });

    const query = `query($after: String) { clinic(id: "CL-431003101") { patients(first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } } }`;
    const page1 = await run(query);
    expect(page1.data!.clinic.patients.edges.map((e: any) => e.node.id)).toEqual(['LB000000001', 'LB000000002', 'LB000000004']);
    expect(page1.data!.clinic.patients.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(query, { after: page1.data!.clinic.patients.pageInfo.endCursor });
    expect(page2.data!.clinic.patients.edges.map((e: any) => e.node.id)).toEqual(['LB000000005']);
    expect(page2.data!.clinic.patients.pageInfo.hasNextPage).toBe(false);

    const unknown = await run(`{ clinic(id: "CL-000") { id } }`);
    expect(unknown.data!.clinic).toBeNull();
  });

  it('pages immunisations newest first, breaking ties on the same day by id', async () => {
    const query = `query($reps: [_Any!]!, $after: String) { _entities(representations: $reps) { ... on Child {
      immunisations(first: 2, after: $after) { edges { node { vaccine dose givenOn } } pageInfo { hasNextPage endCursor } }
    } } }`;
    const reps = childReps(['LB000000001']);
    const page = async (after?: string) => ((await run(query, { reps, after })).data!._entities as any[])[0].immunisations;
    const page1 = await page();
    expect(page1.edges.map((e: any) => e.node)).toEqual([
      { vaccine: 'IPV', dose: 4, givenOn: '2016-03-15' },
      { vaccine: 'JE', dose: 2, givenOn: '2014-03-15' },
    ]);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    // Three doses were given on the same day at 18 months: the cursor must not skip or repeat any.
    const page2 = await page(page1.pageInfo.endCursor);
    expect(page2.edges.map((e: any) => `${e.node.vaccine}-${e.node.dose}@${e.node.givenOn}`)).toEqual(['HepA-1@2013-09-15', 'MMR-2@2013-09-15']);
    const page3 = await page(page2.pageInfo.endCursor);
    expect(page3.edges.map((e: any) => `${e.node.vaccine}-${e.node.dose}@${e.node.givenOn}`)).toEqual(['DTaP-4@2013-09-15', 'MenA-2@2012-12-15']);
    expect(page3.pageInfo.hasNextPage).toBe(true);
  });

  it('refuses oversized pages, bad cursors and malformed division codes with BAD_USER_INPUT', async () => {
    const child = (field: string) => run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { ${field} } } }`, { reps: childReps(['LB000000001']) });
    const tooMany = await child('immunisations(first: 501) { edges { cursor } }');
    expect(tooMany.errors![0]!.message).toBe('"first" must be between 1 and 500');
    expect(tooMany.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const none = await child('mentalHealthScreenings(first: 0) { edges { cursor } }');
    expect(none.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    const badCursor = await child('growthMeasurements(after: "bm90LWEtY3Vyc29y") { edges { cursor } }');
    expect(badCursor.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    // A cursor from another list has the wrong shape for this one.
    const patients = await run(`{ clinic(id: "CL-431003101") { patients(first: 1) { pageInfo { endCursor } } } }`);
    const foreign = await child(`hospitalStays(after: "${patients.data!.clinic.patients.pageInfo.endCursor}") { edges { cursor } }`);
    expect(foreign.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argumentName: 'after' });
    const tooManyClinics = await run(`{ clinics(regionCode: "43", first: 501) { edges { cursor } } }`);
    expect(tooManyClinics.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    const badRegion = await run(`query($c: DivisionCode!) { clinics(regionCode: $c) { edges { cursor } } }`, { c: '43100' });
    expect(badRegion.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
    expect(badRegion.errors![0]!.message).toContain('expected 2, 4, 6, 9 or 12 digits');
  });
});
