import { idNumberCheckChar } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import { describe, expect, it } from 'vitest';
import { civilAffairs } from '../src/index.ts';
import { CROSSING, ID, insertCountyCrossingChild, insertRegistryFixtures } from './fixtures.ts';

/**
 * The registry's row rule: a child is the caller's when its residence village lies under
 * the caller's region. Fixtures: LB…1 in 白露塘村 and LB…2 in 塘溪村 (both 白露塘镇,
 * Suxian 431003), LB…3 in Fushun county 210421. LB…4 (CROSSING) lives in county A,
 * is registered in county B and goes to school in county C (see fixtures.ts).
 */
let crossingCase = '';
const bed = useSubgraphTestBed(civilAffairs, {
  fixtures: async (db) => {
    await insertRegistryFixtures(db);
    crossingCase = await insertCountyCrossingChild(db);
  },
});
const county = testPrincipal({ level: 'county', region: '431003' });
const village = testPrincipal({ level: 'village', region: '431003101201' });
const fushun = testPrincipal({ level: 'county', region: '210421' });
const auditor = testPrincipal({ agency: 'audit', level: 'county', region: '431003' });
const list = `query($code: DivisionCode) { children(filter: { regionCode: $code }) { edges { node { id } } } }`;
const ids = (result: any) => result.data.children.edges.map((e: any) => e.node.id);

describe('civil-affairs jurisdiction', () => {
  it('lists only the children under the caller’s region, narrowing a wider request and refusing a disjoint one', async () => {
    expect(ids(await bed.run(list, {}, county))).toEqual(['LB000000001', 'LB000000002']);
    expect(ids(await bed.run(list, {}, village))).toEqual(['LB000000001']);
    // A village supervisor asking for the whole county gets the village.
    expect(ids(await bed.run(list, { code: '431003' }, village))).toEqual(['LB000000001']);
    const disjoint = await bed.run(list, { code: '431003101202' }, village);
    expect(disjoint.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(ids(await bed.run(list, {}, fushun))).toEqual(['LB000000003']);
  });

  it('refuses a lookup by hub id outside the jurisdiction with a reason; unknown hub ids are plain null', async () => {
    const byId = await bed.run(`{ child(id: "LB000000002") { name } }`, {}, village);
    expect(byId.data).toEqual({ child: null });
    expect(byId.errors![0]!.message).toBe('child LB000000002 is outside your jurisdiction');
    expect(byId.errors![0]!.extensions).toEqual({ code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' });
    expect(await bed.run(`{ child(id: "LB999999999") { name } }`, {}, village)).toEqual({ data: { child: null } });
  });

  it('answers a lookup by ID number the same whether the child is unknown or outside the jurisdiction, echoing no number', async () => {
    const query = `query($n: IdNumber!) { childByIdNumber(idNumber: $n) { name } }`;
    // ID.li lives in Suxian; the other is a valid number nobody in the registry has.
    const elsewhere = await bed.run(query, { n: ID.li }, fushun);
    const unknown = await bed.run(query, { n: `11010520100101001${idNumberCheckChar('11010520100101001')}` }, fushun);
    expect(JSON.stringify(elsewhere)).toBe(JSON.stringify(unknown));
    expect(elsewhere).toEqual({
      data: { childByIdNumber: null },
      errors: [
        expect.objectContaining({ message: 'no child found within your jurisdiction', path: ['childByIdNumber'], extensions: { code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' } }),
      ],
    });
    expect(JSON.stringify(elsewhere)).not.toContain(ID.li);
    expect((await bed.run(query, { n: ID.li }, county)).data).toEqual({ childByIdNumber: { name: '李小红' } });
  });

  it('gives counts for regions inside the jurisdiction only', async () => {
    const stats = (code: string) => `{ region(code: "${code}") { registryStats { activeChildren } } }`;
    expect((await bed.run(stats('431003101'), {}, county)).data).toEqual({ region: { registryStats: { activeChildren: 2 } } });
    for (const code of ['4310', '210421']) {
      const refused = await bed.run(stats(code), {}, county);
      expect(refused.data).toEqual({ region: null });
      expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    }
  });

  it('bands every count for callers without record access: null below 5, zero included', async () => {
    const query = `{ region(code: "431003") { registryStats { activeChildren bothParentsAway guardianMissing } } }`;
    const exact = { activeChildren: 2, bothParentsAway: 1, guardianMissing: 0 };
    const banded = { activeChildren: null, bothParentsAway: null, guardianMissing: null };
    expect((await bed.run(query, {}, county)).data!.region.registryStats).toEqual(exact);
    expect((await bed.run(query, {}, county, 'STATISTICS')).data!.region.registryStats).toEqual(banded);
    const city = testPrincipal({ level: 'city', region: '4310' });
    expect((await bed.run(query, {}, city, 'CASE_MANAGEMENT')).data!.region.registryStats).toEqual(banded);
    expect((await bed.run(query, {}, city, 'SUPERVISION')).data!.region.registryStats).toEqual(exact);
  });

  it('gives exact counts of a fact only to callers who may read it on the record: risk and assistance counts are PROTECTIVE', async () => {
    // Suxian: child 2 has no entrusted guardian, an open protection case and the minimum living allowance.
    const query = `{ region(code: "431003") { registryStats { activeChildren bothParentsAway withoutEntrustedGuardian openProtectionCases onMinimumLivingAllowance deFactoUnsupported } } }`;
    const exact = { activeChildren: 2, bothParentsAway: 1, withoutEntrustedGuardian: 1, openProtectionCases: 1, onMinimumLivingAllowance: 1, deFactoUnsupported: 0 };
    // The Youth League may read BASIC fields, not PROTECTIVE ones: exact totals, banded risk counts.
    const youthLeague = testPrincipal({ agency: 'youth_league', level: 'county', region: '431003' });
    expect((await bed.run(query, {}, youthLeague)).data!.region.registryStats).toEqual({
      activeChildren: 2,
      bothParentsAway: 1,
      withoutEntrustedGuardian: null,
      openProtectionCases: null,
      onMinimumLivingAllowance: null,
      deFactoUnsupported: null,
    });
    // Justice reads PROTECTIVE fields: everything exact, as for civil affairs itself.
    const justice = testPrincipal({ agency: 'justice', level: 'county', region: '431003' });
    expect((await bed.run(query, {}, justice)).data!.region.registryStats).toEqual(exact);
    expect((await bed.run(query, {}, county)).data!.region.registryStats).toEqual(exact);
  });

  it('shows auditors no child at all: the field rule refuses them before any row is read', async () => {
    for (const query of [list, `{ child(id: "LB000000001") { name } }`]) {
      const result = await bed.run(query, {}, auditor);
      expect(JSON.stringify(result.data)).not.toContain('LB0');
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'UNAUTHORIZED_FIELD_OR_TYPE', rule: 'auditors-read-no-child-data' });
    }
  });
});

describe('the hub’s one row rule: a child is in scope by any of its places, or by its org', () => {
  const countyA = testPrincipal({ region: '430121' });
  const countyB = testPrincipal({ region: '430181' });
  const countyC = testPrincipal({ region: '430111' });
  // County D is Suxian: none of the child's places is there.
  const countyD = county;
  const byId = `query($id: ID!) { child(id: $id) { id name } }`;
  const byIdNumber = `query($n: IdNumber!) { childByIdNumber(idNumber: $n) { id } }`;
  const entities = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id name } } }`;
  const reps = (...childIds: string[]) => ({ reps: childIds.map((id) => ({ __typename: 'Child', id })) });
  const forbidden = (path: (string | number)[]) =>
    expect.objectContaining({ path, message: `child ${CROSSING.id} is outside your jurisdiction`, extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } });

  it('shows the registry slice to the counties where the child lives, is registered and goes to school, and to no other', async () => {
    for (const officer of [countyA, countyB, countyC]) {
      const result = await bed.run(byId, { id: CROSSING.id }, officer);
      expect(result).toEqual({ data: { child: { id: CROSSING.id, name: '周小雨' } } });
      expect((await bed.run(byIdNumber, { n: CROSSING.idNumber }, officer)).data).toEqual({ childByIdNumber: { id: CROSSING.id } });
    }
    const refused = await bed.run(byId, { id: CROSSING.id }, countyD);
    expect(refused.data).toEqual({ child: null });
    expect(refused.errors).toEqual([forbidden(['child'])]);
    const notFound = await bed.run(byIdNumber, { n: CROSSING.idNumber }, countyD);
    expect(notFound.data).toEqual({ childByIdNumber: null });
    expect(notFound.errors![0]!.extensions).toEqual({ code: 'NOT_FOUND', reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION' });
  });

  it('judges every entity of a batch by the same rule, in one statement', async () => {
    const result = await bed.run(entities, reps('LB000000001', CROSSING.id, 'LB000000003'), countyB);
    expect(result.data!._entities).toEqual([null, { id: CROSSING.id, name: '周小雨' }, null]);
    expect(result.errors!.map((e) => e.path)).toEqual([
      ['_entities', 0],
      ['_entities', 2],
    ]);
    expect(bed.database.statements.count).toBe(1);
  });

  it('keeps lists by region to the residence: the registration and school counties look the child up, they do not list it', async () => {
    expect(ids(await bed.run(list, {}, countyA))).toEqual([CROSSING.id]);
    expect(ids(await bed.run(list, {}, countyB))).toEqual([]);
    expect(ids(await bed.run(list, {}, countyC))).toEqual([]);
  });

  it('shows the slice to a principal bound to the child’s school, station or clinic wherever that principal’s region is', async () => {
    const teacher = testPrincipal({ agency: 'education', level: 'village', region: '431003101201', org: CROSSING.schoolId });
    const station = testPrincipal({ agency: 'police', level: 'town', region: '431003101', org: CROSSING.stationId });
    const clinic = testPrincipal({ agency: 'health', level: 'town', region: '431003101', org: CROSSING.clinicId });
    for (const principal of [teacher, station, clinic]) {
      expect(await bed.run(entities, reps(CROSSING.id), principal)).toEqual({ data: { _entities: [{ id: CROSSING.id, name: '周小雨' }] } });
    }
  });

  it('grants nothing for an org claimed by the wrong agency', async () => {
    // The Youth League has no org column; a teacher's token naming the police station matches no school.
    const youthLeague = testPrincipal({ agency: 'youth_league', level: 'county', region: '431003', org: CROSSING.schoolId });
    const teacherClaimingStation = testPrincipal({ agency: 'education', level: 'county', region: '431003', org: CROSSING.stationId });
    const civilAffairsClaimingSchool = testPrincipal({ level: 'county', region: '431003', org: CROSSING.schoolId });
    for (const principal of [youthLeague, teacherClaimingStation, civilAffairsClaimingSchool]) {
      const result = await bed.run(entities, reps(CROSSING.id), principal);
      expect(result.data).toEqual({ _entities: [null] });
      expect(result.errors).toEqual([forbidden(['_entities', 0])]);
    }
  });

  it('answers the gateway’s case check by the same rule', async () => {
    const check = (principal: ReturnType<typeof testPrincipal>) => bed.run(`query($id: ID!) { _caseForAccessCheck(id: $id) { childId status } }`, { id: crossingCase }, principal, 'ASSESSMENT');
    const policeOfB = testPrincipal({ agency: 'police', region: '430181' });
    expect(await check(policeOfB)).toEqual({ data: { _caseForAccessCheck: { childId: CROSSING.id, status: 'OPEN' } } });
    expect(await check(testPrincipal({ agency: 'police', region: '431003' }))).toEqual({ data: { _caseForAccessCheck: null } });
  });
});
