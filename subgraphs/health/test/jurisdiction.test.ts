import type { Principal } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { health } from '../src/index.ts';
import { createLoaders } from '../src/loaders.ts';
import { CROSSING, ID, insertBoundaryCrossingChildren, insertCountyCrossingChild, insertHealthFixtures } from './fixtures.ts';

/**
 * Jurisdiction is a row rule applied in SQL: a child is in scope when it lives in the
 * caller's region, or when the caller is bound to the clinic that keeps its record.
 * Children 1, 2, 4, 5 live in Bailutang town (431003101), 6 in another Suxian town and
 * is Bailutang clinic's patient, 7 lives in Bailutang and is Shiwen clinic's (Fushun)
 * patient, 3 lives in Fushun county (210421). 8 (CROSSING) lives in county A, is
 * registered in county B and goes to school in county C, all in Changsha (see fixtures.ts).
 */
const suxian = testPrincipal({ agency: 'health' });
const bed = useSubgraphTestBed(health, {
  fixtures: async (db) => {
    await insertHealthFixtures(db);
    await insertBoundaryCrossingChildren(db);
    await insertCountyCrossingChild(db);
  },
  principal: suxian,
});
const run = bed.run;

const bailutangTown = testPrincipal({ agency: 'health', level: 'town', region: '431003101' });
const fushun = testPrincipal({ agency: 'health', region: '210421' });
/** Staff of the Shiwen health centre (Fushun): their region is their town, their patients live anywhere. */
const shiwenClinic = testPrincipal({ agency: 'health', level: 'town', region: '210421100', org: 'CL-210421100' });
/** Staff of the Bailutang health centre. */
const bailutangClinic = testPrincipal({ agency: 'health', level: 'town', region: '431003101', org: 'CL-431003101' });
const chenzhouCity = testPrincipal({ agency: 'health', level: 'city', region: '4310' });
const auditor = testPrincipal({ agency: 'audit', region: '431003' });

const forbidden = (path: (string | number)[], message?: string) => expect.objectContaining({ path, ...(message && { message }), extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } });

/** A lookup by a personal identifier that found nothing the caller may see: unknown and out of scope answer alike. */
const notFound = (path: (string | number)[]) =>
  expect.objectContaining({ path, message: 'no health record found within your jurisdiction', extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' } });

/** The subgraph's own field rule (defense in depth), which refuses auditors before any row is read. */
const refused = (path: (string | number)[], coordinate: string) =>
  expect.objectContaining({ path, message: `not authorized to read ${coordinate}`, extensions: { code: 'UNAUTHORIZED_FIELD_OR_TYPE', coordinate, rule: 'auditors-read-no-child-data' } });

const childReps = (ids: readonly string[]) => ({ reps: ids.map((id) => ({ __typename: 'Child', id })) });
const entitiesQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
  id hasSeriousCondition needsHealthFollowUp
  healthRecord { number residence { code } clinic { id } }
  growthMeasurements(first: 1) { edges { node { assessment } } }
} } }`;
const ids = (entities: any[]) => entities.map((e) => e?.id ?? null);

const patientsQuery = `query($clinic: ID!, $first: Int, $after: String) { clinic(id: $clinic) {
  id name patients(first: $first, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } }
} }`;
async function patientsOf(clinic: string, principal: Principal): Promise<string[]> {
  const result = await run(patientsQuery, { clinic }, principal);
  expect(result.errors).toBeUndefined();
  return result.data!.clinic.patients.edges.map((e: any) => e.node.id);
}

describe('Child _entities', () => {
  it('resolves children in scope, refuses those outside with FORBIDDEN at their path, keeps unknown ones plainly null, in order', async () => {
    const result = await run(entitiesQuery, childReps(['LB000000001', 'LB000000003', 'nope', 'LB000000002', 'LB000000007']));
    expect(result.data!._entities).toEqual([
      {
        id: 'LB000000001',
        hasSeriousCondition: false,
        needsHealthFollowUp: false,
        healthRecord: { number: 'HR431003101000000001', residence: { code: '431003101201' }, clinic: { id: 'CL-431003101' } },
        growthMeasurements: { edges: [{ node: { assessment: 'NORMAL' } }] },
      },
      null, // lives in Fushun: refused
      null, // no health record: no error
      {
        id: 'LB000000002',
        hasSeriousCondition: true,
        needsHealthFollowUp: true,
        healthRecord: { number: 'HR431003101000000002', residence: { code: '431003101202' }, clinic: { id: 'CL-431003101' } },
        growthMeasurements: { edges: [{ node: { assessment: 'STUNTED' } }] },
      },
      // Lives in Suxian, its record kept in Fushun: residence decides for a county officer.
      {
        id: 'LB000000007',
        hasSeriousCondition: false,
        needsHealthFollowUp: false,
        healthRecord: { number: 'HR210421100000000007', residence: { code: '431003101201' }, clinic: { id: 'CL-210421100' } },
        growthMeasurements: { edges: [] },
      },
    ]);
    expect(result.errors).toEqual([forbidden(['_entities', 1], 'child LB000000003 is outside your jurisdiction')]);
    // Patients (with the verdict), derived facts, clinics, growth pages: one statement each.
    expect(bed.database.statements.count).toBe(4);
  });

  it('costs the same statements whether some children are refused or none', async () => {
    await run(entitiesQuery, childReps(['LB000000001', 'LB000000002']));
    const allInScope = bed.database.statements.count;
    bed.database.statements.reset();
    const mixed = await run(entitiesQuery, childReps(['LB000000003', 'LB000000001', 'LB000000006', 'LB000000002']), bailutangTown);
    expect(ids(mixed.data!._entities)).toEqual([null, 'LB000000001', null, 'LB000000002']);
    expect(mixed.errors).toEqual([forbidden(['_entities', 0]), forbidden(['_entities', 2])]);
    expect(bed.database.statements.count).toBe(allInScope);
  });

  it('applies the rule inside the derived-facts loader too, in one statement', async () => {
    const loaders = createLoaders(bed.database.db, suxian);
    const facts = await Promise.all(['LB000000002', 'LB000000003'].map((id) => loaders.healthFacts.load(id)));
    expect(facts.map((f) => f && { id: f.child_id, serious: f.serious_condition })).toEqual([{ id: 'LB000000002', serious: true }, null]);
    expect(bed.database.statements.count).toBe(1);
  });
});

describe('region-bound officers', () => {
  it('a town officer sees only the patients living in the town, whichever clinic keeps them', async () => {
    expect(await patientsOf('CL-431003101', bailutangTown)).toEqual(['LB000000001', 'LB000000002', 'LB000000004', 'LB000000005']);
    expect(await patientsOf('CL-210421100', bailutangTown)).toEqual(['LB000000007']);

    // Keyset pages over the filtered list: child 6 (another town) is never a row, so no gap or repeat.
    const page1 = await run(patientsQuery, { clinic: 'CL-431003101', first: 2 }, bailutangTown);
    expect(page1.data!.clinic.patients.edges.map((e: any) => e.node.id)).toEqual(['LB000000001', 'LB000000002']);
    expect(page1.data!.clinic.patients.pageInfo.hasNextPage).toBe(true);
    const page2 = await run(patientsQuery, { clinic: 'CL-431003101', first: 2, after: page1.data!.clinic.patients.pageInfo.endCursor }, bailutangTown);
    expect(page2.data!.clinic.patients.edges.map((e: any) => e.node.id)).toEqual(['LB000000004', 'LB000000005']);
    expect(page2.data!.clinic.patients.pageInfo.hasNextPage).toBe(false);

    const lookups = await run(
      `{
      inTown: healthRecordByNumber(number: "HR210421100000000007") { number child { id } }
      otherTown: healthRecordByNumber(number: "HR431003101000000006") { number child { id } }
    }`,
      {},
      bailutangTown,
    );
    expect(lookups.data).toEqual({ inTown: { number: 'HR210421100000000007', child: { id: 'LB000000007' } }, otherTown: null });
    expect(lookups.errors).toEqual([notFound(['otherTown'])]);
  });

  it('an officer of another county sees none of them: lookups refused, patient lists empty, clinics still listed', async () => {
    const entities = await run(entitiesQuery, childReps(['LB000000001', 'LB000000002']), fushun);
    expect(entities.data!._entities).toEqual([null, null]);
    expect(entities.errors).toEqual([forbidden(['_entities', 0]), forbidden(['_entities', 1])]);

    const lookups = await run(
      `query($n: IdNumber!) { byNumber: healthRecordByNumber(number: "HR431003101000000001") { number } byIdNumber: healthRecordByIdNumber(idNumber: $n) { number } }`,
      { n: ID.wang },
      fushun,
    );
    expect(lookups.data).toEqual({ byNumber: null, byIdNumber: null });
    // Two lookups, two loaders: on PostgreSQL they run on separate connections and may finish in either order.
    expect(lookups.errors).toHaveLength(2);
    expect(lookups.errors).toEqual(expect.arrayContaining([notFound(['byNumber']), notFound(['byIdNumber'])]));

    const clinic = await run(patientsQuery, { clinic: 'CL-431003101' }, fushun);
    expect(clinic.errors).toBeUndefined();
    expect(clinic.data!.clinic).toEqual({ id: 'CL-431003101', name: '白露塘镇卫生院', patients: { edges: [], pageInfo: { hasNextPage: false, endCursor: null } } });
    // Its own clinic: the child living in Fushun, not the one who moved to Suxian.
    expect(await patientsOf('CL-210421100', fushun)).toEqual(['LB000000003']);
  });
});

describe('clinic-bound staff', () => {
  it("see their clinic's patients wherever they live, and nobody else's outside their town", async () => {
    expect(await patientsOf('CL-210421100', shiwenClinic)).toEqual(['LB000000003', 'LB000000007']);
    expect(await patientsOf('CL-431003101', shiwenClinic)).toEqual([]);

    const entities = await run(entitiesQuery, childReps(['LB000000007', 'LB000000001']), shiwenClinic);
    expect(entities.data!._entities).toEqual([
      // Lives in Hunan; derived facts come through the same rule.
      {
        id: 'LB000000007',
        hasSeriousCondition: false,
        needsHealthFollowUp: false,
        healthRecord: { number: 'HR210421100000000007', residence: { code: '431003101201' }, clinic: { id: 'CL-210421100' } },
        growthMeasurements: { edges: [] },
      },
      null,
    ]);
    expect(entities.errors).toEqual([forbidden(['_entities', 1])]);

    const lookup = await run(`{ healthRecordByNumber(number: "HR210421100000000007") { residence { code } } }`, {}, shiwenClinic);
    expect(lookup.errors).toBeUndefined();
    expect(lookup.data!.healthRecordByNumber).toEqual({ residence: { code: '431003101201' } });
  });

  it('see more than a town officer of the same town: their patients who live in another town', async () => {
    expect(await patientsOf('CL-431003101', bailutangClinic)).toEqual(['LB000000001', 'LB000000002', 'LB000000004', 'LB000000005', 'LB000000006']);
    const child6 = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id healthRecord { residence { code } } } } }`, childReps(['LB000000006']), bailutangClinic);
    expect(child6.errors).toBeUndefined();
    expect(child6.data!._entities).toEqual([{ id: 'LB000000006', healthRecord: { residence: { code: '431003102201' } } }]);
  });
});

describe('region health stats', () => {
  const statsQuery = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code healthStats {
    withHealthRecord immunisationIncomplete malnourished disabled withChronicIllness mentalHealthHighRisk hospitalised withSeriousCondition needingFollowUp
  } } } }`;
  const regions = (codes: readonly string[]) => ({ reps: codes.map((code) => ({ __typename: 'Region', code })) });
  const statsOf = (entities: any[]) => entities.map((r) => r && { code: r.code, ...r.healthStats });
  // Suxian district: children 1, 2, 4, 5, 6, 7. Bailutang town: all but 6.
  const exact = { immunisationIncomplete: 2, malnourished: 1, disabled: 2, withChronicIllness: 1, mentalHealthHighRisk: 1, hospitalised: 0, withSeriousCondition: 2, needingFollowUp: 2 };
  // In bands of five: every count here is below 5, zero included, so null.
  const suppressed = {
    immunisationIncomplete: null,
    malnourished: null,
    disabled: null,
    withChronicIllness: null,
    mentalHealthHighRisk: null,
    hospitalised: null,
    withSeriousCondition: null,
    needingFollowUp: null,
  };

  it('answers for regions inside the jurisdiction, exactly for a county officer at work on cases, in one statement', async () => {
    const result = await run(statsQuery, regions(['431003', '431003101']), suxian, 'CASE_MANAGEMENT');
    expect(result.errors).toBeUndefined();
    expect(statsOf(result.data!._entities)).toEqual([
      { code: '431003', withHealthRecord: 6, ...exact },
      { code: '431003101', withHealthRecord: 5, ...exact },
    ]);
    expect(bed.database.statements.count).toBe(1);
  });

  it('refuses regions above or beside the jurisdiction, nulling only their counts', async () => {
    const result = await run(statsQuery, regions(['4310', '43', '210421', '431002', '431003']), suxian);
    expect(result.data!._entities).toEqual([
      { code: '4310', healthStats: null },
      { code: '43', healthStats: null },
      { code: '210421', healthStats: null },
      { code: '431002', healthStats: null },
      { code: '431003', healthStats: { withHealthRecord: 6, ...exact } },
    ]);
    expect(result.errors).toEqual([
      forbidden(['_entities', 0, 'healthStats'], 'region 4310 is outside your jurisdiction'),
      forbidden(['_entities', 1, 'healthStats']),
      forbidden(['_entities', 2, 'healthStats']),
      forbidden(['_entities', 3, 'healthStats']),
    ]);
  });

  it('bands every count for callers without record access: 6 and 5 become 5, below 5 null', async () => {
    const city = await run(statsQuery, regions(['4310', '431003101']), chenzhouCity, 'STATISTICS');
    expect(city.errors).toBeUndefined();
    expect(statsOf(city.data!._entities)).toEqual([
      { code: '4310', withHealthRecord: 5, ...suppressed },
      { code: '431003101', withHealthRecord: 5, ...suppressed },
    ]);
    // A city reads records only under SUPERVISION: any other purpose is statistics to it.
    const cityCases = await run(statsQuery, regions(['4310']), chenzhouCity, 'CASE_MANAGEMENT');
    expect(statsOf(cityCases.data!._entities)).toEqual([{ code: '4310', withHealthRecord: 5, ...suppressed }]);
    // Under SUPERVISION a city reads BASIC and PROTECTIVE facts exactly; the diagnoses (SENSITIVE) stay banded.
    const citySupervision = await run(statsQuery, regions(['4310']), chenzhouCity, 'SUPERVISION');
    expect(statsOf(citySupervision.data!._entities)).toEqual([
      { code: '4310', withHealthRecord: 6, ...exact, disabled: null, withChronicIllness: null, mentalHealthHighRisk: null, hospitalised: null },
    ]);
    // STATISTICS reads aggregates only, whatever the level.
    const county = await run(statsQuery, regions(['431003']), suxian, 'STATISTICS');
    expect(statsOf(county.data!._entities)).toEqual([{ code: '431003', withHealthRecord: 5, ...suppressed }]);
  });
});

describe('auditors', () => {
  it('see no child data: entities refused by the row rule, every field by the field rule', async () => {
    const entities = await run(entitiesQuery, childReps(['LB000000001', 'LB000000003']), auditor);
    expect(entities.data!._entities).toEqual([null, null]);
    expect(entities.errors).toEqual([forbidden(['_entities', 0]), forbidden(['_entities', 1])]);

    const lookups = await run(
      `query($n: IdNumber!) { byNumber: healthRecordByNumber(number: "HR431003101000000002") { number } byIdNumber: healthRecordByIdNumber(idNumber: $n) { number } }`,
      { n: ID.li },
      auditor,
    );
    expect(lookups.data).toEqual({ byNumber: null, byIdNumber: null });
    expect(lookups.errors).toEqual([refused(['byNumber'], 'Query.healthRecordByNumber'), refused(['byIdNumber'], 'Query.healthRecordByIdNumber')]);

    const clinics = await run(`{ clinics(regionCode: "43") { edges { node { id patients { edges { node { id } } } } } } }`, {}, auditor);
    expect(clinics.data).toBeNull();
    expect(clinics.errors).toEqual([refused(['clinics'], 'Query.clinics')]);

    const stats = await run(`{ _entities(representations: [{ __typename: "Region", code: "431003" }]) { ... on Region { healthStats { withHealthRecord } } } }`, {}, auditor);
    expect(stats.data!._entities).toEqual([{ healthStats: null }]);
    expect(stats.errors).toEqual([refused(['_entities', 0, 'healthStats'], 'Region.healthStats')]);
  });
});

describe('the hub’s one row rule: a child is in scope by any of its places, or by its org', () => {
  const countyA = testPrincipal({ agency: 'health', region: '430121' });
  const countyB = testPrincipal({ agency: 'health', region: '430181' });
  const countyC = testPrincipal({ agency: 'health', region: '430111' });
  // County D is Suxian: none of the child's places is there.
  const countyD = suxian;
  const slice = {
    id: CROSSING.id,
    hasSeriousCondition: false,
    needsHealthFollowUp: false,
    healthRecord: { number: CROSSING.recordNumber, residence: { code: CROSSING.residence }, clinic: { id: CROSSING.clinicId } },
    growthMeasurements: { edges: [] },
  };
  const byNumber = `query($n: String!) { healthRecordByNumber(number: $n) { number child { id } } }`;

  it('shows the health slice, derived facts included, to the counties where the child lives, is registered and goes to school, and to no other', async () => {
    for (const officer of [countyA, countyB, countyC]) {
      expect(await run(entitiesQuery, childReps([CROSSING.id]), officer)).toEqual({ data: { _entities: [slice] } });
      expect(await run(byNumber, { n: CROSSING.recordNumber }, officer)).toEqual({ data: { healthRecordByNumber: { number: CROSSING.recordNumber, child: { id: CROSSING.id } } } });
    }
    const refused = await run(entitiesQuery, childReps([CROSSING.id]), countyD);
    expect(refused.data!._entities).toEqual([null]);
    expect(refused.errors).toEqual([forbidden(['_entities', 0], `child ${CROSSING.id} is outside your jurisdiction`)]);
    const lookup = await run(byNumber, { n: CROSSING.recordNumber }, countyD);
    expect(lookup.data).toEqual({ healthRecordByNumber: null });
    expect(lookup.errors).toEqual([notFound(['healthRecordByNumber'])]);
  });

  it('costs the same statements as before: the places are read inside each statement', async () => {
    const result = await run(entitiesQuery, childReps(['LB000000001', CROSSING.id, 'LB000000003']), countyB);
    expect(ids(result.data!._entities)).toEqual([null, CROSSING.id, null]);
    expect(bed.database.statements.count).toBe(4);
  });

  it('keeps a clinic’s patient list to health’s own places: the registration and school counties look the child up, they do not list it', async () => {
    expect(await patientsOf(CROSSING.clinicId, countyA)).toEqual([CROSSING.id]);
    expect(await patientsOf(CROSSING.clinicId, countyB)).toEqual([]);
    expect(await patientsOf(CROSSING.clinicId, countyC)).toEqual([]);
  });

  it('shows the slice to a principal of another agency bound to the child’s school or police station, wherever its region is', async () => {
    const teacher = testPrincipal({ agency: 'education', level: 'village', region: '431003101201', org: CROSSING.schoolId });
    const station = testPrincipal({ agency: 'police', level: 'town', region: '431003101', org: CROSSING.stationId });
    const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id hasSeriousCondition needsHealthFollowUp } } }`;
    for (const principal of [teacher, station]) {
      expect(await run(query, childReps([CROSSING.id]), principal)).toEqual({ data: { _entities: [{ id: CROSSING.id, hasSeriousCondition: false, needsHealthFollowUp: false }] } });
    }
  });

  it('grants nothing for an org claimed by the wrong agency', async () => {
    // The Youth League has no org column; a teacher naming the clinic, or a clinic naming the school, matches nothing.
    const youthLeague = testPrincipal({ agency: 'youth_league', region: '431003', org: CROSSING.schoolId });
    const teacherClaimingClinic = testPrincipal({ agency: 'education', region: '431003', org: CROSSING.clinicId });
    const clinicClaimingSchool = testPrincipal({ agency: 'health', level: 'town', region: '431003101', org: CROSSING.schoolId });
    for (const principal of [youthLeague, teacherClaimingClinic, clinicClaimingSchool]) {
      const result = await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id } } }`, childReps([CROSSING.id]), principal);
      expect(result.data).toEqual({ _entities: [null] });
      expect(result.errors).toEqual([forbidden(['_entities', 0])]);
    }
  });
});
