import type { Principal } from '@lbc/schema';
import { testPrincipal, useSubgraphTestBed } from '@lbc/subgraph-kit/testing';
import type { GraphQLFormattedError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { policeHousehold } from '../src/index.ts';
import { HOUSEHOLD, ID } from './fixtures.ts';
import { CHILD_PLACES, JURISDICTION_HOUSEHOLD, JURISDICTION_ID, insertJurisdictionFixtures } from './jurisdiction-fixtures.ts';

/**
 * Row-level jurisdiction, enforced in SQL: who sees which children, households,
 * reports and counts. The world: Suxian (431003) town 101 — households of station
 * PS-431003101 with LB000000001/002/004, pending handovers LB000000005/006 — and town 102
 * (station PS-431003102, LB000000007–011); in Fushun (210421), the pending LB000000003 and
 * the registered LB000000012.
 */
const countyOfficer = testPrincipal({ agency: 'police' });
const bed = useSubgraphTestBed(policeHousehold, { fixtures: insertJurisdictionFixtures, principal: countyOfficer });
const run = bed.run;

const police = (level: Principal['level'], region: string, org?: string) => testPrincipal({ agency: 'police', level, region, ...(org ? { org } : {}) });
const townOfficer = police('town', '431003101');
const neighbourCountyOfficer = police('county', '431002');
/** Bound to station PS-431003101 (town 101) while placed in town 102. */
const stationOfficer = police('town', '431003102', 'PS-431003101');
const auditor = testPrincipal({ agency: 'audit' });

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id idNumber } } }`;
const byId = (...ids: string[]) => ids.map((id) => ({ __typename: 'Child', id }));
const childIds = (entities: ({ id: string } | null)[]) => entities.map((e) => e && e.id);
const REPORTS = `query($code: DivisionCode!) { mandatoryReports(regionCode: $code, first: 50) { edges { node { reportedAt child { id } } } } }`;
const UNREGISTERED = `query($code: DivisionCode!) { unregisteredChildren(regionCode: $code, first: 50) { edges { node { id } } } }`;
const reportChildren = (data: any) => data.mandatoryReports.edges.map((e: any) => e.node.child.id);
const unregisteredIds = (data: any) => data.unregisteredChildren.edges.map((e: any) => e.node.id);

/** Errors reduced to what a caller relies on, in path order (resolution order is not part of the contract). */
const errorsOf = (errors: readonly GraphQLFormattedError[] | undefined) =>
  (errors ?? [])
    .map((e) => ({ path: e.path, code: e.extensions?.code, reason: e.extensions?.reason, message: e.message }))
    .sort((a, b) => JSON.stringify(a.path).localeCompare(JSON.stringify(b.path)));
const forbidden = (path: (string | number)[], what: string) => ({ path, code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION', message: `${what} is outside your jurisdiction` });
/** A lookup by a personal identifier that found nothing the caller may see: unknown and out of scope answer alike. */
const notFound = (path: (string | number)[], what: 'child' | 'household') => ({
  path,
  code: 'NOT_FOUND',
  reason: 'NOT_FOUND_OR_OUTSIDE_JURISDICTION',
  message: `no ${what} found within your jurisdiction`,
});
/** The subgraph's own field rule (defense in depth), which refuses auditors before any row is read. */
const refused = (path: (string | number)[], coordinate: string) => ({ path, code: 'UNAUTHORIZED_FIELD_OR_TYPE', reason: undefined, message: `not authorized to read ${coordinate}` });

describe('police-household jurisdiction', () => {
  it('resolves _entities by id and ID number mixed, in order: in scope resolves; by hub id out of scope is FORBIDDEN and unknown plain null; by ID number both are NOT_FOUND', async () => {
    const result = await run(ENTITIES, {
      reps: [
        { __typename: 'Child', id: 'LB000000001' }, // Suxian: in
        { __typename: 'Child', idNumber: JURISDICTION_ID.fushun }, // Fushun: out
        { __typename: 'Child', id: 'nope' }, // unknown
        { __typename: 'Child', id: 'LB000000003' }, // Fushun, unregistered: out
        { __typename: 'Child', idNumber: ID.li }, // Suxian: in
        { __typename: 'Child', idNumber: ID.stranger }, // unknown
        { __typename: 'Child', id: 'LB000000012' }, // Fushun: out
        { __typename: 'Child', idNumber: ID.liJun.toLowerCase() }, // Suxian: in
      ],
    });
    expect(result.data!._entities).toEqual([{ id: 'LB000000001', idNumber: ID.wang }, null, null, null, { id: 'LB000000002', idNumber: ID.li }, null, null, { id: 'LB000000004', idNumber: ID.liJun }]);
    // The ID number is not repeated in the message; the hub id the caller sent is.
    expect(errorsOf(result.errors)).toEqual([
      notFound(['_entities', 1], 'child'),
      forbidden(['_entities', 3], 'child LB000000003'),
      notFound(['_entities', 5], 'child'),
      forbidden(['_entities', 6], 'child LB000000012'),
    ]);
    // As without jurisdiction: one statement for the hub ids, one for the ID numbers.
    expect(bed.database.statements.count).toBe(2);
  });

  it('shows a town officer only the children placed in the town', async () => {
    const entities = await run(ENTITIES, { reps: byId('LB000000001', 'LB000000007', 'LB000000005', 'LB000000012') }, townOfficer);
    expect(childIds(entities.data!._entities)).toEqual(['LB000000001', null, 'LB000000005', null]);
    expect(errorsOf(entities.errors)).toEqual([forbidden(['_entities', 1], 'child LB000000007'), forbidden(['_entities', 3], 'child LB000000012')]);

    const lookups = await run(
      `query($n: IdNumber!, $h: String!, $mine: String!) {
        resident: residentByIdNumber(idNumber: $n) { id }
        theirs: household(number: $h) { number }
        mine: household(number: $mine) { number members { edges { node { id } } } }
      }`,
      { n: JURISDICTION_ID.zhang[0], h: JURISDICTION_HOUSEHOLD.zhang, mine: HOUSEHOLD.li },
      townOfficer,
    );
    expect(lookups.data).toEqual({ resident: null, theirs: null, mine: { number: HOUSEHOLD.li, members: { edges: [{ node: { id: 'LB000000002' } }, { node: { id: 'LB000000004' } }] } } });
    expect(errorsOf(lookups.errors)).toEqual([notFound(['resident'], 'child'), notFound(['theirs'], 'household')]);

    // Asking for the county gets the town: LB000000001's three reports, not town 102's.
    const reports = await run(REPORTS, { code: '431003' }, townOfficer);
    expect(reports.errors).toBeUndefined();
    expect(reportChildren(reports.data)).toEqual(['LB000000001', 'LB000000001', 'LB000000001']);
    const unregistered = await run(UNREGISTERED, { code: '43' }, townOfficer);
    expect(unregisteredIds(unregistered.data)).toEqual(['LB000000006', 'LB000000005']);
    // The county officer of the same place sees town 102's report too.
    const county = await run(REPORTS, { code: '431003' });
    expect(reportChildren(county.data)).toEqual(['LB000000007', 'LB000000001', 'LB000000001', 'LB000000001']);

    // A town beside the jurisdiction is refused, not answered empty.
    const beside = await run(REPORTS, { code: '431003102' }, townOfficer);
    expect(beside.data).toBeNull();
    expect(errorsOf(beside.errors)).toEqual([forbidden(['mandatoryReports'], 'region 431003102')]);
  });

  it("shows an officer of another county none of this county's children", async () => {
    const entities = await run(ENTITIES, { reps: [...byId('LB000000001', 'LB000000005'), { __typename: 'Child', idNumber: ID.wang }] }, neighbourCountyOfficer);
    expect(entities.data!._entities).toEqual([null, null, null]);
    expect(errorsOf(entities.errors)).toEqual([forbidden(['_entities', 0], 'child LB000000001'), forbidden(['_entities', 1], 'child LB000000005'), notFound(['_entities', 2], 'child')]);
    const household = await run(`{ household(number: "${HOUSEHOLD.wang}") { number } }`, {}, neighbourCountyOfficer);
    expect(household.data).toEqual({ household: null });
    expect(errorsOf(household.errors)).toEqual([notFound(['household'], 'household')]);

    // The city and the province are clamped to the officer's own county, where nothing is registered.
    const reports = await run(REPORTS, { code: '4310' }, neighbourCountyOfficer);
    expect(reports.errors).toBeUndefined();
    expect(reports.data).toEqual({ mandatoryReports: { edges: [] } });
    const unregistered = await run(UNREGISTERED, { code: '43' }, neighbourCountyOfficer);
    expect(unregistered.errors).toBeUndefined();
    expect(unregistered.data).toEqual({ unregisteredChildren: { edges: [] } });

    for (const [query, field] of [
      [REPORTS, 'mandatoryReports'],
      [UNREGISTERED, 'unregisteredChildren'],
    ] as const) {
      const beside = await run(query, { code: '431003' }, neighbourCountyOfficer);
      expect(beside.data).toBeNull();
      expect(errorsOf(beside.errors)).toEqual([forbidden([field], 'region 431003')]);
    }
  });

  it("shows a station-bound officer its station's households' children wherever they live, besides its own town's", async () => {
    // Station PS-431003101 keeps the Wang and Li households (town 101); the officer sits in town 102.
    const entities = await run(ENTITIES, { reps: [...byId('LB000000001', 'LB000000007', 'LB000000005', 'LB000000012'), { __typename: 'Child', idNumber: ID.li }] }, stationOfficer);
    expect(childIds(entities.data!._entities)).toEqual(['LB000000001', 'LB000000007', null, null, 'LB000000002']);
    // Pending handovers have no household, so no station: only their place counts.
    expect(errorsOf(entities.errors)).toEqual([forbidden(['_entities', 2], 'child LB000000005'), forbidden(['_entities', 3], 'child LB000000012')]);

    const household = await run(`{ household(number: "${HOUSEHOLD.li}") { station members { edges { node { id } } } } }`, {}, stationOfficer);
    expect(household.errors).toBeUndefined();
    expect(household.data).toEqual({ household: { station: 'PS-431003101', members: { edges: [{ node: { id: 'LB000000002' } }, { node: { id: 'LB000000004' } }] } } });

    // Its whole jurisdiction (own town, or the county clamped to it): the town's report and the station's.
    for (const code of ['431003102', '431003']) {
      const reports = await run(REPORTS, { code }, stationOfficer);
      expect(reports.errors).toBeUndefined();
      expect(reportChildren(reports.data)).toEqual(['LB000000007', 'LB000000001', 'LB000000001', 'LB000000001']);
    }
    // A village of its town: the reports placed there only.
    const village = await run(REPORTS, { code: '431003102203' }, stationOfficer);
    expect(reportChildren(village.data)).toEqual(['LB000000007']);
    const unregistered = await run(UNREGISTERED, { code: '431003102' }, stationOfficer);
    expect(unregistered.data).toEqual({ unregisteredChildren: { edges: [] } });
  });

  describe("the hub's one rule: any place of the child, or its org in any agency (child_place)", () => {
    // LB000000012: lives in Guiyang (A), registered in Fushun (B), schooled in Yizhang (C); see jurisdiction-fixtures.ts.
    const livesIn = police('county', '431021');
    const registeredIn = police('county', '210421');
    const schooledIn = police('county', '431022');
    const elsewhere = police('county', '431002');
    const CHILD = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
      id idNumber householdRegistrationStatus mandatoryReports { edges { node { reportedAt } } } } } }`;
    const reps = [
      { __typename: 'Child', id: CHILD_PLACES.multiPlaced },
      { __typename: 'Child', idNumber: JURISDICTION_ID.fushun },
    ];
    const slice = { id: CHILD_PLACES.multiPlaced, idNumber: JURISDICTION_ID.fushun, householdRegistrationStatus: 'REGISTERED', mandatoryReports: { edges: [] } };

    it('shows the police slice of a child to the counties it lives, is registered and goes to school in, by hub id and ID number, at the same statement cost', async () => {
      for (const officer of [livesIn, registeredIn, schooledIn]) {
        bed.database.statements.reset();
        const result = await run(CHILD, { reps }, officer);
        expect(result.errors).toBeUndefined();
        expect(result.data!._entities).toEqual([slice, slice]);
        // As without the rule: one statement per kind of key (the rule rides in it), one more for both children's reports.
        expect(bed.database.statements.count).toBe(3);
      }
      const byIdNumber = await run(`query($n: IdNumber!) { residentByIdNumber(idNumber: $n) { id } }`, { n: JURISDICTION_ID.fushun }, schooledIn);
      expect(byIdNumber.errors).toBeUndefined();
      expect(byIdNumber.data).toEqual({ residentByIdNumber: { id: CHILD_PLACES.multiPlaced } });
    });

    it('answers a county holding none of its places exactly as before: FORBIDDEN by hub id, NOT_FOUND by ID number', async () => {
      const result = await run(CHILD, { reps }, elsewhere);
      expect(result.data!._entities).toEqual([null, null]);
      expect(errorsOf(result.errors)).toEqual([forbidden(['_entities', 0], `child ${CHILD_PLACES.multiPlaced}`), notFound(['_entities', 1], 'child')]);
      const byIdNumber = await run(`query($n: IdNumber!) { residentByIdNumber(idNumber: $n) { id } }`, { n: JURISDICTION_ID.fushun }, elsewhere);
      expect(byIdNumber.data).toEqual({ residentByIdNumber: null });
      expect(errorsOf(byIdNumber.errors)).toEqual([notFound(['residentByIdNumber'], 'child')]);
    });

    it("shows the child's own household to a county of another of its places, but not the household's other children", async () => {
      const query = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child {
        household { relationshipToHead household { number station members { edges { node { id } } } } } } } }`;
      const result = await run(query, { reps: reps.slice(0, 1) }, schooledIn);
      expect(result.errors).toBeUndefined();
      expect(result.data!._entities).toEqual([{ household: { relationshipToHead: 'SON', household: { number: JURISDICTION_HOUSEHOLD.fushun, station: 'PS-210421100', members: { edges: [] } } } }]);
      // Looked up by its number, the household is still judged by its own address and station.
      const lookup = await run(`query($h: String!) { household(number: $h) { number } }`, { h: JURISDICTION_HOUSEHOLD.fushun }, schooledIn);
      expect(lookup.data).toEqual({ household: null });
      expect(errorsOf(lookup.errors)).toEqual([notFound(['household'], 'household')]);
    });

    it("keeps lists by region to the police's own place: the county where a pending child lives sees it by id, not in its region's lists", async () => {
      // LB000000003 is pending in Fushun and lives in Guiyang; its one report is placed in Fushun.
      const entity = await run(CHILD, { reps: [{ __typename: 'Child', id: CHILD_PLACES.unregistered }] }, livesIn);
      expect(entity.errors).toBeUndefined();
      expect(entity.data!._entities).toEqual([
        { id: CHILD_PLACES.unregistered, idNumber: null, householdRegistrationStatus: 'UNREGISTERED_PENDING', mandatoryReports: { edges: [{ node: { reportedAt: '2024-06-15T12:00:00.000Z' } }] } },
      ]);
      const reports = await run(REPORTS, { code: '431021' }, livesIn);
      expect(reports.errors).toBeUndefined();
      expect(reports.data).toEqual({ mandatoryReports: { edges: [] } });
      const unregistered = await run(UNREGISTERED, { code: '431021' }, livesIn);
      expect(unregistered.data).toEqual({ unregisteredChildren: { edges: [] } });
      // Fushun's lists still hold it, as before.
      expect(unregisteredIds((await run(UNREGISTERED, { code: '210421' }, registeredIn)).data)).toEqual([CHILD_PLACES.unregistered]);
    });

    it("lets an org-bound principal of another agency see its children's police slice; an org claim of the wrong agency gains nothing", async () => {
      const ids = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Child { id } } }`;
      const rep = [{ __typename: 'Child', id: CHILD_PLACES.multiPlaced }];
      // Bound to the child's school or clinic, placed in Beihu, where none of the child's places lies.
      const teacher = testPrincipal({ agency: 'education', level: 'town', region: '431002001', org: CHILD_PLACES.schoolId });
      const clinician = testPrincipal({ agency: 'health', level: 'town', region: '431002001', org: CHILD_PLACES.clinicId });
      for (const principal of [teacher, clinician]) {
        const result = await run(ids, { reps: rep }, principal);
        expect(result.errors).toBeUndefined();
        expect(result.data!._entities).toEqual([{ id: CHILD_PLACES.multiPlaced }]);
      }
      // The Youth League has no org column; a teacher claiming the clinic, or a clinic the school, neither.
      for (const principal of [
        testPrincipal({ agency: 'youth_league', level: 'town', region: '431002001', org: CHILD_PLACES.schoolId }),
        testPrincipal({ agency: 'education', level: 'town', region: '431002001', org: CHILD_PLACES.clinicId }),
        testPrincipal({ agency: 'health', level: 'town', region: '431002001', org: CHILD_PLACES.schoolId }),
      ]) {
        const result = await run(ids, { reps: rep }, principal);
        expect(result.data!._entities).toEqual([null]);
        expect(errorsOf(result.errors)).toEqual([forbidden(['_entities', 0], `child ${CHILD_PLACES.multiPlaced}`)]);
      }
    });
  });

  describe('region stats', () => {
    const STATS = `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Region { code householdStats {
      registeredChildren registeredAfterReport unregisteredPending mandatoryReportsAwaitingResponse
      mandatoryReportsResponding missingChildrenNotFound childrenWithParentServingSentence } } } }`;
    const regions = (...codes: string[]) => ({ reps: codes.map((code) => ({ __typename: 'Region', code })) });
    const counts = (values: (number | null)[]) => ({
      registeredChildren: values[0],
      registeredAfterReport: values[1],
      unregisteredPending: values[2],
      mandatoryReportsAwaitingResponse: values[3],
      mandatoryReportsResponding: values[4],
      missingChildrenNotFound: values[5],
      childrenWithParentServingSentence: values[6],
    });
    const suxian = counts([8, 1, 2, 2, 1, 1, 2]);
    const town101 = counts([3, 1, 2, 1, 1, 1, 2]);
    const town102 = counts([5, 0, 0, 1, 0, 0, 0]);

    it('answers for regions inside the jurisdiction, FORBIDDEN above or beside it', async () => {
      const result = await run(STATS, regions('431003', '431003101', '43', '4310', '431002', '21'));
      expect(result.data!._entities).toEqual([
        { code: '431003', householdStats: suxian },
        { code: '431003101', householdStats: town101 },
        // The region itself resolves (it is civil affairs'); only this agency's counts are refused.
        { code: '43', householdStats: null },
        { code: '4310', householdStats: null },
        { code: '431002', householdStats: null },
        { code: '21', householdStats: null },
      ]);
      expect(errorsOf(result.errors)).toEqual([
        forbidden(['_entities', 2, 'householdStats'], 'region 43'),
        forbidden(['_entities', 3, 'householdStats'], 'region 4310'),
        forbidden(['_entities', 4, 'householdStats'], 'region 431002'),
        forbidden(['_entities', 5, 'householdStats'], 'region 21'),
      ]);
      // The two admitted regions in one statement; refused ones never reach SQL.
      expect(bed.database.statements.count).toBe(1);
    });

    it('bands every count for callers without record access: null below 5 (zero included), others down to a multiple of 5', async () => {
      // A city under STATISTICS: its county has 8 registered children (shown as 5, meaning 5 to 9), small counts elsewhere.
      const city = await run(STATS, regions('4310', '431003102'), police('city', '4310'), 'STATISTICS');
      expect(city.errors).toBeUndefined();
      expect(city.data!._entities).toEqual([
        { code: '4310', householdStats: counts([5, null, null, null, null, null, null]) },
        { code: '431003102', householdStats: counts([5, null, null, null, null, null, null]) },
      ]);
      // The county (5 to 9) minus town 102 (5 to 9) leaves town 101 anywhere from 0 to 4: not its 3.
      // A city has no record access under any purpose but SUPERVISION.
      const cityCases = await run(STATS, regions('431003101'), police('city', '4310'), 'CASE_MANAGEMENT');
      expect(cityCases.data!._entities).toEqual([{ code: '431003101', householdStats: counts([null, null, null, null, null, null, null]) }]);
      const citySupervision = await run(STATS, regions('431003101'), police('city', '4310'), 'SUPERVISION');
      // Under SUPERVISION it reads PROTECTIVE fields, not SENSITIVE ones: a parent's criminal status stays banded.
      expect(citySupervision.data!._entities).toEqual([{ code: '431003101', householdStats: { ...town101, childrenWithParentServingSentence: null } }]);

      // STATISTICS suppresses at county level too; working on cases, the county sees exact small numbers.
      const countyStatistics = await run(STATS, regions('431003102', '431003101'), countyOfficer, 'STATISTICS');
      expect(countyStatistics.data!._entities).toEqual([
        { code: '431003102', householdStats: counts([5, null, null, null, null, null, null]) },
        { code: '431003101', householdStats: counts([null, null, null, null, null, null, null]) },
      ]);
      const countyCases = await run(STATS, regions('431003102', '431003101'), countyOfficer, 'CASE_MANAGEMENT');
      expect(countyCases.errors).toBeUndefined();
      expect(countyCases.data!._entities).toEqual([
        { code: '431003102', householdStats: town102 },
        { code: '431003101', householdStats: town101 },
      ]);
    });

    it('gives a county officer of another agency exact counts only of the facts it may read on the record', async () => {
      // Civil affairs reads PROTECTIVE fields (registration, reports), not a parent's criminal status (SENSITIVE).
      const civilAffairs = testPrincipal({ agency: 'civil_affairs', level: 'county', region: '431003' });
      const asCivilAffairs = await run(STATS, regions('431003', '431003101'), civilAffairs);
      expect(asCivilAffairs.data!._entities).toEqual([
        { code: '431003', householdStats: { ...suxian, childrenWithParentServingSentence: null } },
        { code: '431003101', householdStats: { ...town101, childrenWithParentServingSentence: null } },
      ]);
      // The Youth League reads neither: every count banded, none of the small ones exact.
      const youthLeague = testPrincipal({ agency: 'youth_league', level: 'county', region: '431003' });
      const asYouthLeague = await run(STATS, regions('431003', '431003101'), youthLeague);
      expect(asYouthLeague.data!._entities).toEqual([
        { code: '431003', householdStats: counts([5, null, null, null, null, null, null]) },
        { code: '431003101', householdStats: counts([null, null, null, null, null, null, null]) },
      ]);
      // The police themselves: exact, small counts included.
      expect((await run(STATS, regions('431003101'), countyOfficer)).data!._entities).toEqual([{ code: '431003101', householdStats: town101 }]);
    });
  });

  it('answers lookups by ID number and household number identically for unknown records and records outside the jurisdiction', async () => {
    const unknownIdNumber = ID.stranger;
    const lookups = `query($n: IdNumber!, $h: String!) { resident: residentByIdNumber(idNumber: $n) { id } household(number: $h) { number } }`;
    // LB000000001 and the Wang household are in Suxian, town 101; the neighbour county cannot see them.
    const elsewhere = await run(lookups, { n: ID.wang, h: HOUSEHOLD.wang }, neighbourCountyOfficer);
    const unknown = await run(lookups, { n: unknownIdNumber, h: '999999000000001' }, neighbourCountyOfficer);
    expect(errorsOf(elsewhere.errors)).toEqual([notFound(['household'], 'household'), notFound(['resident'], 'child')]);
    expect(elsewhere.data).toEqual({ resident: null, household: null });
    // The two lookups run in parallel and may fail in either order: compare errors as sets.
    expect(errorsOf(unknown.errors)).toEqual(errorsOf(elsewhere.errors));
    expect(unknown.data).toEqual(elsewhere.data);
    // Byte for byte, one lookup at a time (two lookups in one operation may finish in either order).
    for (const [field, query, known, other] of [
      ['residentByIdNumber', `query($v: IdNumber!) { residentByIdNumber(idNumber: $v) { id } }`, ID.wang, unknownIdNumber],
      ['household', `query($v: String!) { household(number: $v) { number } }`, HOUSEHOLD.wang, '999999000000001'],
    ] as const) {
      const a = await run(query, { v: known }, neighbourCountyOfficer);
      const b = await run(query, { v: other }, neighbourCountyOfficer);
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      expect(a.data).toEqual({ [field]: null });
      expect(JSON.stringify(a)).not.toContain(known);
    }
    // Entered by ID number through _entities: the same.
    const entity = async (idNumber: string) => run(ENTITIES, { reps: [{ __typename: 'Child', idNumber }] }, neighbourCountyOfficer);
    expect(JSON.stringify(await entity(ID.wang))).toBe(JSON.stringify(await entity(unknownIdNumber)));
  });

  it('gives an auditor no child data: entities refused by the row rule, every field by the field rule', async () => {
    const entities = await run(ENTITIES, { reps: [...byId('LB000000001', 'nope'), { __typename: 'Child', idNumber: ID.li }] }, auditor);
    expect(entities.data!._entities).toEqual([null, null, null]);
    // Entered by ID number: a lookup by an identifier the auditor may not read in full, refused before any row is read.
    expect(errorsOf(entities.errors)).toEqual([forbidden(['_entities', 0], 'child LB000000001'), refused(['_entities', 2], 'Child.idNumber')]);

    const lookups = await run(`query($n: IdNumber!) { resident: residentByIdNumber(idNumber: $n) { id } household(number: "${HOUSEHOLD.wang}") { number } }`, { n: ID.wang }, auditor);
    expect(lookups.data).toEqual({ resident: null, household: null });
    expect(errorsOf(lookups.errors)).toEqual([refused(['household'], 'Query.household'), refused(['resident'], 'Query.residentByIdNumber')]);

    for (const [query, field] of [
      [REPORTS, 'mandatoryReports'],
      [UNREGISTERED, 'unregisteredChildren'],
    ] as const) {
      const list = await run(query, { code: '431003' }, auditor);
      expect(list.data).toBeNull();
      expect(errorsOf(list.errors)).toEqual([refused([field], `Query.${field}`)]);
    }
    const stats = await run(`{ _entities(representations: [{ __typename: "Region", code: "431003" }]) { ... on Region { householdStats { registeredChildren } } } }`, {}, auditor);
    expect(stats.data!._entities).toEqual([{ householdStats: null }]);
    expect(errorsOf(stats.errors)).toEqual([refused(['_entities', 0, 'householdStats'], 'Region.householdStats')]);
  });
});
