import { idNumberCheckChar } from '@lbc/schema';
import { generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from '@lbc/scripts/seed/world';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * Jurisdiction through the whole hub: two counties seeded (Suxian 431003, Fushun
 * 210421); a Suxian officer lists, looks up and counts only Suxian. A child is in scope
 * by any of its places (residence, household registration, school) or by the caller's
 * org, in every agency's slice alike.
 */
const SCOPE = ['431003', '210421'];
let hub: Hub;
let world: SyntheticChild[];
let suxian: string;

beforeAll(async () => {
  hub = await startHub({ children: 120, scope: SCOPE });
  const places = await loadPlaces(SCOPE);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: 120 }, (_, i) => generateChild(7, i, places, ids));
  suxian = await hub.token({ agency: 'civil_affairs', level: 'county', region: '431003' });
});
afterAll(() => hub?.stop());

describe('jurisdiction across the hub', () => {
  it('lists exactly the children living in the caller’s county, even when asked for more', async () => {
    const expected = world
      .filter((c) => c.countyCode === '431003' && c.inRegistry)
      .map((c) => c.id)
      .sort();
    const { body } = await hub.query(suxian, `{ children(filter: { regionCode: "43" }, first: 500) { edges { node { id } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.children.edges.map((e: any) => e.node.id).sort()).toEqual(expected);
  });

  it('refuses another county’s child in every agency’s slice, with a reason, and leaks none of it', async () => {
    const other = world.find((c) => c.countyCode === '210421' && c.school?.villageCode.startsWith('210421') && c.household?.addressCode.startsWith('210421'))!;
    const { body } = await hub.query(suxian, `query($id: ID!) { child(id: $id) { name } }`, { id: other.id });
    expect(body.data).toEqual({ child: null });
    expect(body.errors![0]).toMatchObject({ path: ['child'], extensions: { code: 'FORBIDDEN', reason: 'OUTSIDE_JURISDICTION' } });
    expect(JSON.stringify(body)).not.toContain(other.name);
  });

  it('sees a child of another county who goes to school in its own, in every agency’s slice', async () => {
    // Lives and is registered in Fushun, goes to school in Suxian.
    const pupil = world.find((c) => c.countyCode === '210421' && c.school?.villageCode.startsWith('431003') && c.household?.addressCode.startsWith('210421') && c.idNumber);
    expect(pupil, 'the seeded world has a Fushun child at a Suxian school').toBeDefined();
    const query = `query($id: ID!) { child(id: $id) { name currentEnrollment { school { id } } householdRegistrationStatus healthRecord { registeredOn } } }`;
    for (const agency of ['civil_affairs', 'education', 'police', 'health'] as const) {
      const { body } = await hub.query(await hub.token({ agency, level: 'county', region: '431003' }), query, { id: pupil!.id });
      expect(body.errors, agency).toBeUndefined();
      expect(body.data.child).toMatchObject({
        name: pupil!.name,
        currentEnrollment: { school: { id: pupil!.school!.schoolId } },
        householdRegistrationStatus: expect.any(String),
        healthRecord: { registeredOn: expect.any(String) },
      });
    }
    // Its teacher (bound to the school, in the school's town) sees the registry slice too; a Youth League token claiming that school does not.
    const teacher = await hub.token({ agency: 'education', level: 'town', region: pupil!.school!.schoolId.slice(0, 9), org: pupil!.school!.schoolId });
    expect((await hub.query(teacher, query, { id: pupil!.id })).body.data.child.name).toBe(pupil!.name);
    const elsewhere = world.find((c) => c.countyCode === '210421' && c.townCode !== pupil!.townCode && c.townCode !== pupil!.household!.addressCode.slice(0, 9))!.townCode;
    const pretender = await hub.token({ agency: 'youth_league', level: 'town', region: elsewhere, org: pupil!.school!.schoolId });
    const refused = await hub.query(pretender, query, { id: pupil!.id });
    expect(refused.body.data).toEqual({ child: null });
  });

  it('gives counts for its own county and refuses the neighbour’s, agency by agency', async () => {
    const query = `query($code: DivisionCode!) { region(code: $code) { name registryStats { activeChildren } householdStats { registeredChildren } healthStats { withHealthRecord } } }`;
    const own = await hub.query(suxian, query, { code: '431003' });
    expect(own.body.errors).toBeUndefined();
    expect(own.body.data.region.healthStats.withHealthRecord).toBe(world.filter((c) => c.countyCode === '431003').length);
    const neighbour = await hub.query(suxian, query, { code: '210421' });
    expect(neighbour.body.data.region).toBeNull();
    expect(neighbour.body.errors!.every((e: any) => e.extensions.code === 'FORBIDDEN')).toBe(true);
  });

  it('suppresses small counts for a city officer asking for statistics, not for the county officer', async () => {
    const village = world.find((c) => c.countyCode === '431003' && c.status === 'ACTIVE')!.villageCode;
    const active = world.filter((c) => c.villageCode === village && c.status === 'ACTIVE' && c.inRegistry).length;
    expect(active).toBeGreaterThan(0);
    expect(active).toBeLessThan(5);
    const query = `query($code: DivisionCode!) { region(code: $code) { registryStats { activeChildren } } }`;
    const county = await hub.query(suxian, query, { code: village });
    expect(county.body.data.region.registryStats.activeChildren).toBe(active);
    const city = await hub.token({ agency: 'civil_affairs', level: 'city', region: '4310' });
    const statistics = await hub.query(city, query, { code: village }, { 'x-lbc-purpose': 'STATISTICS' });
    expect(statistics.body.data.region.registryStats.activeChildren).toBeNull();
  });

  it('gives exact small counts of a sensitive fact to its owner agency, never to a county officer who may not read it', async () => {
    const query = `query($code: DivisionCode!) { region(code: $code) { children(first: 50) { edges { node { code
      healthStats { withHealthRecord disabled mentalHealthHighRisk } householdStats { childrenWithParentServingSentence } } } } } }`;
    const inTown = (town: string) => world.filter((c) => c.townCode === town);
    const disabled = (town: string) => inTown(town).filter((c) => c.health.disability).length;
    const towns = (body: any) => Object.fromEntries(body.data.region.children.edges.map((e: any) => [e.node.code, e.node]));

    const health = await hub.query(await hub.token({ agency: 'health', level: 'county', region: '431003' }), query, { code: '431003' });
    expect(health.body.errors).toBeUndefined();
    const exact = towns(health.body);
    const small = Object.keys(exact).find((town) => disabled(town) > 0 && disabled(town) < 5);
    expect(small).toBeDefined();
    expect(exact[small!].healthStats.disabled).toBe(disabled(small!));

    const youthLeague = await hub.query(await hub.token({ agency: 'youth_league', level: 'county', region: '431003' }), query, { code: '431003' });
    expect(youthLeague.body.errors).toBeUndefined();
    for (const [town, node] of Object.entries<any>(towns(youthLeague.body))) {
      // Plain totals (BASIC) stay exact; the diagnoses and a parent's criminal status (SENSITIVE) come in bands of five.
      expect(node.healthStats.withHealthRecord).toBe(inTown(town).length);
      for (const count of [node.healthStats.disabled, node.healthStats.mentalHealthHighRisk, node.householdStats.childrenWithParentServingSentence]) {
        expect(count === null || (count >= 5 && count % 5 === 0)).toBe(true);
      }
    }
    expect(towns(youthLeague.body)[small!].healthStats.disabled).toBeNull();
  });

  it('lets a caller without exact access recover no suppressed town by subtracting the other towns from the county', async () => {
    const query = `query($code: DivisionCode!) { region(code: $code) { registryStats { activeChildren }
      children(first: 50) { edges { node { code registryStats { activeChildren } } } } } }`;
    const city = await hub.token({ agency: 'civil_affairs', level: 'city', region: '4310' });
    const { body } = await hub.query(city, query, { code: '431003' }, { 'x-lbc-purpose': 'STATISTICS' });
    expect(body.errors).toBeUndefined();
    const active = (town: string) => world.filter((c) => c.townCode === town && c.status === 'ACTIVE' && c.inRegistry).length;
    /** What a released figure says: n means n to n + 4, null 0 to 4. */
    const band = (released: number | null): [number, number] => (released === null ? [0, 4] : [released, released + 4]);
    const total = band(body.data.region.registryStats.activeChildren);
    const towns = body.data.region.children.edges.map((e: any) => ({ code: e.node.code, band: band(e.node.registryStats.activeChildren) }));
    const suppressed = towns.filter((t: any) => t.band[0] === 0 && active(t.code) > 0);
    expect(suppressed.length).toBeGreaterThan(0);
    for (const town of suppressed) {
      const others = towns.filter((t: any) => t !== town);
      const low = Math.max(0, total[0] - others.reduce((sum: number, t: any) => sum + t.band[1], 0));
      const high = Math.min(4, total[1] - others.reduce((sum: number, t: any) => sum + t.band[0], 0));
      // The true count fits, and so does at least one other: differencing does not pin it down.
      expect(low <= active(town.code) && active(town.code) <= high).toBe(true);
      expect(high).toBeGreaterThan(low);
    }
  });

  it('answers a lookup by a personal identifier identically for an unknown one and one outside the jurisdiction', async () => {
    const other = world.find((c) => c.countyCode === '210421' && c.idNumber && c.school && c.household)!;
    const fushunHealth = await hub.token({ agency: 'health', level: 'county', region: '210421' });
    const own = await hub.query(fushunHealth, `query($n: IdNumber!) { healthRecordByIdNumber(idNumber: $n) { number } }`, { n: other.idNumber });
    const recordNumber: string = own.body.data.healthRecordByIdNumber.number;
    const unknownIdNumber = `21042120100101099${idNumberCheckChar('21042120100101099')}`;
    expect(world.some((c) => c.idNumber === unknownIdNumber)).toBe(false);

    const lookups = [
      ['childByIdNumber', 'idNumber: IdNumber!', 'idNumber', other.idNumber!, unknownIdNumber],
      ['residentByIdNumber', 'idNumber: IdNumber!', 'idNumber', other.idNumber!, unknownIdNumber],
      ['healthRecordByIdNumber', 'idNumber: IdNumber!', 'idNumber', other.idNumber!, unknownIdNumber],
      ['healthRecordByNumber', 'number: String!', 'number', recordNumber, `${recordNumber.slice(0, -4)}9999`],
      ['enrollmentByStudentNumber', 'studentNumber: String!', 'studentNumber', other.school!.studentNumber, `G${unknownIdNumber}`],
      ['household', 'number: String!', 'number', other.household!.number, `${other.household!.number.slice(0, -4)}9999`],
    ] as const;
    for (const [field, declaration, argument, elsewhere, unknown] of lookups) {
      const [variable, type] = declaration.split(': ');
      const query = `query($${variable}: ${type}) { ${field}(${argument}: $${variable}) { __typename } }`;
      const a = await hub.query(suxian, query, { [variable!]: elsewhere });
      const b = await hub.query(suxian, query, { [variable!]: unknown });
      expect(a.status).toBe(b.status);
      expect(JSON.stringify(a.body)).toBe(JSON.stringify(b.body));
      expect(a.body.data).toEqual({ [field]: null });
      expect(a.body.errors!.map((e: any) => e.extensions.code)).toEqual(['NOT_FOUND']);
      expect(JSON.stringify(a.body)).not.toContain(elsewhere);
    }
  });
});
