import { generateChild, IdNumberIssuer, loadPlaces, type SyntheticChild } from '@lbc/scripts/seed/world';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type Hub } from './harness/start-hub.ts';

/**
 * The product's first promise: one query through the gateway returns a child's record
 * from all four agencies, and a region's picture from all four. Expected values come
 * from the synthetic world itself (regenerated here), not from the databases under test.
 */
const SCOPE = ['431003'];
const CHILDREN = 300;
const example = (name: string) => readFileSync(new URL(`../schema/examples/${name}.graphql`, import.meta.url), 'utf8');

let hub: Hub;
let token: string;
let world: SyntheticChild[];

beforeAll(async () => {
  hub = await startHub({ children: CHILDREN, scope: SCOPE });
  token = await hub.token({ agency: 'civil_affairs', level: 'county', region: '431003' });
  const places = await loadPlaces(SCOPE);
  const ids = new IdNumberIssuer();
  world = Array.from({ length: CHILDREN }, (_, i) => generateChild(7, i, places, ids));
});
afterAll(() => hub?.stop());

describe('the unified graph', () => {
  it('returns one child record with each agency’s slice, consistent with the world it was seeded from', async () => {
    // A school-age, registered child with a guardian: every agency has something to say.
    const expected = world.find((c) => c.school && c.household && c.guardian && c.status === 'ACTIVE')!;
    const { status, body } = await hub.query(token, example('child-record'), { id: expected.id });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const child = body.data.child;

    expect(child).toMatchObject({
      id: expected.id,
      name: expected.name,
      birthDate: expected.birthDate,
      leftBehindCategory: expected.category,
      guardian: { name: expected.guardian!.name, relationship: expected.guardian!.relationship },
      father: { name: expected.father.name, isAway: expected.father.isAway },
    });
    expect(child.residenceVillage.parent.parent.name).toBe('苏仙区');
    expect(child.currentEnrollment).toMatchObject({ grade: expected.school!.grade, className: expected.school!.className, studentNumber: expected.school!.studentNumber });
    expect(child.leftBehindFlag).toBe(true);
    expect(child.idNumber).toBe(expected.idNumber);
    expect(child.householdRegistrationStatus).toBe('REGISTERED');
    expect(child.household.household.number).toBe(expected.household!.number);
    expect(child.healthRecord.clinic.name).toMatch(/卫生院$/);
    expect(child.latestGrowthAssessment).toBe(expected.health.growth[0]?.assessment ?? null);
    expect(child.dropoutStatus).toBe(expected.school!.dropout?.status ?? 'NONE');
    expect(child.mandatoryReports.edges.map((e: any) => e.node.category)).toEqual(expected.mandatoryReport ? [expected.mandatoryReport.category] : []);
  });

  it('lists children of a township with pagination that visits each exactly once', async () => {
    const town = world[0]!.townCode;
    const expectedIds = world
      .filter((c) => c.townCode === town && c.status === 'ACTIVE' && c.inRegistry)
      .map((c) => c.id)
      .sort();
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const { body }: { body: { data?: any; errors?: unknown[] } } = await hub.query(token, example('children-in-region'), { region: town, first: 7, after });
      expect(body.errors).toBeUndefined();
      seen.push(...body.data.children.edges.map((e: any) => e.node.id));
      after = body.data.children.pageInfo.hasNextPage ? body.data.children.pageInfo.endCursor : null;
    } while (after);
    expect(seen.sort()).toEqual(expectedIds);
  });

  it("returns a county's aggregates from all four agencies, matching the world", async () => {
    const { body } = await hub.query(token, example('region-overview'), { code: '431003' });
    expect(body.errors).toBeUndefined();
    const region = body.data.region;
    // Children the registry does not hold are counted by the agencies that hold them, not by the registry.
    const active = world.filter((c) => c.status === 'ACTIVE' && c.inRegistry);
    expect(region).toMatchObject({ code: '431003', name: '苏仙区', level: 'COUNTY', parent: { code: '4310', name: '郴州市' } });
    expect(region.registryStats.activeChildren).toBe(active.length);
    expect(region.registryStats.bothParentsAway).toBe(active.filter((c) => c.category === 'BOTH_PARENTS_AWAY').length);
    expect(region.registryStats.deFactoUnsupported).toBe(active.filter((c) => c.flags.deFactoUnsupported).length);
    expect(region.householdStats.registeredChildren).toBe(world.filter((c) => c.household).length);
    expect(region.householdStats.unregisteredPending).toBe(world.filter((c) => c.unregistered?.status === 'PENDING').length);
    expect(region.healthStats.withHealthRecord).toBe(CHILDREN);
    // Counts of another agency's SENSITIVE facts come in bands of five, even to a county officer (see counted-facts.ts).
    const band = (n: number) => (n < 5 ? null : n - (n % 5));
    expect(region.healthStats.disabled).toBe(band(world.filter((c) => c.health.disability).length));
    expect(region.householdStats.mandatoryReportsAwaitingResponse).toBe(world.filter((c) => c.mandatoryReport?.status === 'RECEIVED').length);
    expect(region.householdStats.missingChildrenNotFound).toBe(world.filter((c) => c.missingReport && !c.missingReport.foundAt).length);
    expect(region.householdStats.childrenWithParentServingSentence).toBe(
      band(world.filter((c) => c.father.policeStatus === 'SERVING_SENTENCE' || c.mother.policeStatus === 'SERVING_SENTENCE').length),
    );
    expect(region.registryStats.withoutEntrustedGuardian).toBe(active.filter((c) => !c.guardian).length);
    expect(region.schoolStats.schools).toBeGreaterThan(0);
    expect(region.children.edges.length).toBeGreaterThan(5);
    expect(region.children.edges.every((e: any) => e.node.level === 'TOWN' && e.node.code.startsWith('431003'))).toBe(true);
  });

  it('keeps the other agencies’ data when one agency is down (record and region), and never reveals its address', async () => {
    const expected = world.find((c) => c.school && c.household && c.status === 'ACTIVE')!;
    await hub.subgraphs.health.stop();
    const { status, body } = await hub.query(token, example('child-record'), { id: expected.id });
    expect(status).toBe(200);
    expect(body.data.child.name).toBe(expected.name);
    expect(body.data.child.currentEnrollment.grade).toBe(expected.school!.grade);
    expect(body.data.child.healthRecord).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
    for (const error of body.errors!) {
      expect(error.extensions.code).toBe('SUBGRAPH_UNAVAILABLE');
      expect(error.message).toBe('the health service could not answer');
      expect(JSON.stringify(error)).not.toMatch(/127\.0\.0\.1|http:\/\//);
    }

    // A region's picture keeps the three agencies that answered: only health's branch is null.
    const overview = await hub.query(token, example('region-overview'), { code: '431003' });
    expect(overview.body.data.region.name).toBe('苏仙区');
    expect(overview.body.data.region.registryStats.activeChildren).toBe(world.filter((c) => c.status === 'ACTIVE' && c.inRegistry).length);
    expect(overview.body.data.region.householdStats.registeredChildren).toBe(world.filter((c) => c.household).length);
    expect(overview.body.data.region.healthStats).toBeNull();
    expect(overview.body.errors?.map((e: any) => e.extensions.serviceName)).toEqual(['health']);
  });
});
